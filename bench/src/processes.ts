import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { appendFileSync, closeSync, openSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import { freePort, portIsFree } from '@dropgate/testkit'
import { BENCH, LOGS } from './paths.ts'

export { freePort, portIsFree }

const run = promisify(execFile)

export interface Peer {
  readonly name: string
  readonly url: string
  readonly pid: number
  readonly logFile: string
  stop(): Promise<void>
}

export interface StartOptions {
  name: string
  command: string
  args: string[]
  cwd: string
  env: Record<string, string>
  /** Polled until it answers (any status below 500). */
  readyUrl: string
  url: string
  timeoutMs?: number
}

const running = new Set<ChildProcess>()

/**
 * Starts a peer as its own process, output to `.tmp/logs/<name>.log` (a file, not a pipe: a busy
 * server that logs every request must never wait on us), and waits until it answers.
 */
export async function startPeer(options: StartOptions): Promise<Peer> {
  const logFile = join(LOGS, `${options.name}.log`)
  const fd = openSync(logFile, 'w')
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', fd, fd],
  })
  closeSync(fd)
  running.add(child)
  let stopping = false
  child.once('exit', (code, signal) => {
    running.delete(child)
    // Said in its log, and on the console when it was not us who stopped it.
    const line = `[bench] ${options.name} exited (code ${code}, signal ${signal})${stopping ? '' : ' unexpectedly'}`
    appendFileSync(logFile, `${line}\n`)
    if (!stopping) console.error(`  ${line}: see ${logFile}`)
  })
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    stopping = true
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000)
    await exited
    clearTimeout(killer)
  }
  const deadline = Date.now() + (options.timeoutMs ?? 30_000)
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `${options.name} exited (${child.exitCode ?? child.signalCode}) during start: see ${logFile}`,
      )
    try {
      const answer = await fetch(options.readyUrl, { signal: AbortSignal.timeout(1000) })
      await answer.arrayBuffer()
      if (answer.status < 500) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`${options.name} did not answer ${options.readyUrl} in time: see ${logFile}`)
    }
    await sleep(100)
  }
  if (child.pid === undefined) throw new Error(`${options.name}: no pid`)
  return { name: options.name, url: options.url, pid: child.pid, logFile, stop }
}

/**
 * A peer written for the bench (`src/peers/<file>`): run through tsx with NODE_ENV=production on a
 * free port (its PORT), ready once `/` answers.
 */
export async function startBenchPeer(name: string, file: string, how: Launch = {}): Promise<Peer> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  return startPeer({
    name,
    ...launched(how, ['--import', 'tsx', join(BENCH, 'src', 'peers', file)]),
    cwd: BENCH,
    env: { NODE_ENV: 'production', PORT: String(port) },
    readyUrl: `${url}/`,
    url,
  })
}

/** How a peer's Node starts: `launcher`, when given, is a command Node runs under (valgrind …). */
export interface Launch {
  launcher?: string[]
}

/** Command and arguments for Node with `nodeArgs`, under the launcher if any (which starts slowly). */
export function launched(
  how: Launch,
  nodeArgs: string[],
): Pick<StartOptions, 'command' | 'args' | 'timeoutMs'> {
  const [tool, ...toolArgs] = how.launcher ?? []
  if (tool === undefined) return { command: process.execPath, args: nodeArgs }
  return { command: tool, args: [...toolArgs, process.execPath, ...nodeArgs], timeoutMs: 900_000 }
}

/** `sync`: dirty pages written out, so the next measurement does not share the disk with the last one's. */
export async function flushDisk(): Promise<void> {
  await run('sync', [], { timeout: 120_000 })
}

/** Last resort on an interrupted run: every process this run started, and only those. */
export function killStarted(): void {
  for (const child of running) child.kill('SIGKILL')
}

/** Peak resident memory of a process so far (Linux's VmHWM), bytes. */
export async function peakRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const match = /VmHWM:\s+(\d+) kB/.exec(status)
  if (!match) throw new Error(`no VmHWM in /proc/${pid}/status`)
  return Number(match[1]) * 1024
}

/** User + system CPU time of a process so far, seconds (/proc/<pid>/stat, in clock ticks of 1/100 s). */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}
