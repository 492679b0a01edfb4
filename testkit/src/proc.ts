import { readdir, readlink } from 'node:fs/promises'

/**
 * What a process's open file descriptors point at (Linux, /proc/<pid>/fd): paths for files and
 * folders, `socket:[inode]`, `pipe:[inode]`, `anon_inode:[eventpoll]`... So a test can see that a
 * server let go of a file (no fd left in its data folder) once an upload was abandoned. An fd closed
 * while being read is skipped (this very listing's own is one).
 */
export async function openFds(pid: number | 'self' = 'self'): Promise<string[]> {
  const folder = `/proc/${pid}/fd`
  const fds = await readdir(folder)
  const targets = await Promise.all(fds.map((fd) => readlink(`${folder}/${fd}`).catch(() => null)))
  return targets.filter((target): target is string => target !== null)
}

/**
 * How many sockets a process holds open (TCP, Unix, any kind): compared before and after, it shows
 * connections left behind. Only a difference means something: a Node process has its own sockets.
 */
export async function socketCount(pid: number | 'self' = 'self'): Promise<number> {
  return (await openFds(pid)).filter((target) => target.startsWith('socket:')).length
}
