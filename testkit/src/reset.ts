import type { Socket } from 'node:net'

/**
 * Ends a socket with an RST where Node can send one, else destroys it. A socket still connecting is
 * destroyed (resetAndDestroy would wait for the connection), and so is one whose end() is still
 * being sent: resetAndDestroy then fails with EINVAL, and Node (20) drops the handle without
 * closing it, so the fd leaks and 'close' never comes.
 */
export function resetSocket(socket: Socket): void {
  if (socket.destroyed) return
  if (socket.connecting || (socket.writableEnded && !socket.writableFinished)) socket.destroy()
  else socket.resetAndDestroy()
}
