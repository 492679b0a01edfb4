import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { promisify } from 'node:util'
import { freePort } from '@dropgate/testkit'

export { freePort }

export const run = promisify(execFile)

export interface Started {
  readonly name: string
  readonly child: ChildProcess
  stop(): Promise<void>
}

/**
 * Starts a long-running process with its output in `logFile`, and resolves once `ready` (polled)
 * answers true. A process that exits first, or is not ready in time, fails with its log's path.
 */
export async function startProcess(options: {
  name: string
  command: string
  args: readonly string[]
  cwd: string
  env: NodeJS.ProcessEnv
  logFile: string
  ready: () => Promise<boolean>
  timeoutMs?: number
}): Promise<Started> {
  const log = createWriteStream(options.logFile, { flags: 'a' })
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.pipe(log, { end: false })
  child.stderr?.pipe(log, { end: false })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const started: Started = {
    name: options.name,
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
        await exited
        clearTimeout(timer)
      }
      log.end()
    },
  }
  const deadline = Date.now() + (options.timeoutMs ?? 30_000)
  let gone: number | null | undefined
  void exited.then((code) => {
    gone = code
  })
  while (!(await options.ready().catch(() => false))) {
    if (gone !== undefined)
      throw new Error(`${options.name} exited (${gone}) during start-up; see ${options.logFile}`)
    if (Date.now() > deadline) {
      await started.stop()
      throw new Error(`${options.name} was not ready in time; see ${options.logFile}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return started
}

/** Whether `url` answers at all (any HTTP status). */
export async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2_000) })
    return true
  } catch {
    return false
  }
}
