import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '@dropgate/testkit'

export { freePort }

export interface RunningServer {
  url: string
  process: ChildProcess
  logs: string[]
  /** Standard output, kept only when `nodeArgs` were given (what V8's tracing flags print). */
  out: string[]
  dataDir: string
  /** Resolves once `count` log lines of `event` were written (rejects after `timeoutMs`, with the log). */
  logged(event: string, count?: number, timeoutMs?: number): Promise<void>
  /** Log lines of `event` so far. */
  events(event: string): Record<string, unknown>[]
  stop(): Promise<void>
}

export interface StartOptions {
  /**
   * The data folder to serve from, for a server that starts again on what an earlier one left (a
   * restart). The caller owns it: `stop()` leaves it. Without it, a fresh folder `stop()` removes.
   */
  dataDir?: string
  /**
   * A command line the server runs under, which must end by exec'ing the arguments it is given (e.g.
   * `unshare` with a shell that mounts a small tmpfs on the data folder first: a full disk).
   */
  wrapper?: string[]
  /** An installed `dropgate` to run instead of the sources (bin/dropgate-dev.mjs), e.g. from a packed package. */
  bin?: string
}

/**
 * Starts the real CLI (`dropgate serve`) on a free port, as an operator would, and waits for it.
 * `nodeArgs` go to Node itself (e.g. `--trace-gc`), its standard output then kept in `out`.
 */
export async function startServer(
  env: Record<string, string>,
  nodeArgs: string[] = [],
  options: StartOptions = {},
): Promise<RunningServer> {
  const port = await freePort()
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'dropgate-int-')))
  const bin = join(import.meta.dirname, '..', 'bin', 'dropgate-dev.mjs')
  const argv = options.bin ? [options.bin, 'serve'] : [process.execPath, ...nodeArgs, bin, 'serve']
  const [command, ...args] = [...(options.wrapper ?? []), ...argv] as [string, ...string[]]
  const child = spawn(command, args, {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DROPGATE_DATA_DIR: dataDir,
      ...env,
    },
    stdio: ['ignore', nodeArgs.length > 0 ? 'pipe' : 'inherit', 'pipe'],
  })
  const logs: string[] = []
  const out: string[] = []
  child.stdout?.on('data', (chunk: Buffer) => out.push(chunk.toString()))
  await new Promise<void>((resolve, reject) => {
    // A server that never says it listens is ended here: the test that fails on it holds no handle
    // to stop it, and it would outlive the run on its port and data folder.
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`server did not start in 20 s:\n${logs.join('')}`))
    }, 20_000)
    child.stderr?.on('data', (chunk: Buffer) => {
      logs.push(chunk.toString())
      if (logs.join('').includes('"event":"listening"')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code}:\n${logs.join('')}`))
    })
  })
  const events = (event: string) =>
    logs
      .join('')
      .split('\n')
      .filter((line) => line.includes(`"event":"${event}"`))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
  const logged = (event: string, count = 1, timeoutMs = 20_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (events(event).length < count) return
        finish()
        resolve()
      }
      const finish = () => {
        clearTimeout(timer)
        child.stderr?.off('data', check)
        child.off('exit', check)
      }
      const timer = setTimeout(() => {
        finish()
        reject(new Error(`no ${count} "${event}" log lines in ${timeoutMs} ms:\n${logs.join('')}`))
      }, timeoutMs)
      child.stderr?.on('data', check)
      child.on('exit', check)
      check()
    })
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    logs,
    out,
    dataDir,
    logged,
    events,
    async stop() {
      // Both unset until it exits: a server that ended by a signal has no exit code (a second stop()).
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      if (options.dataDir === undefined) await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** Peak resident memory of a process so far (Linux's VmHWM), in bytes. */
export async function peakRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const match = /VmHWM:\s+(\d+) kB/.exec(status)
  if (!match) throw new Error('no VmHWM in /proc status')
  return Number(match[1]) * 1024
}
