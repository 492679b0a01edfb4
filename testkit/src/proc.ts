import { readdir, readFile, readlink } from 'node:fs/promises'

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

/**
 * How many TCP connections a process holds whose local port is `port`: for a server, the clients'
 * connections it has accepted and not closed, told apart (by /proc/net/tcp's inodes) from its own
 * outgoing ones, such as kept-alive connections to a store, which a pool may keep idle for a while.
 */
export async function connectionsOnPort(pid: number, port: number): Promise<number> {
  const inodes = new Set(
    (await openFds(pid))
      .map((target) => /^socket:\[(\d+)\]$/.exec(target)?.[1])
      .filter((inode): inode is string => inode !== undefined),
  )
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0')
  let count = 0
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(table, 'utf8').catch(() => '')
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/)
      // local_address is "<ip>:<port>" in hex; st 0A is LISTEN (the server socket itself, not a client).
      const local = fields[1]
      if (!local?.endsWith(`:${hexPort}`) || fields[3] === '0A') continue
      if (inodes.has(fields[9] as string)) count++
    }
  }
  return count
}
