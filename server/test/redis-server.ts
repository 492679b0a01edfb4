import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '@dropgate/testkit'

/**
 * Debian's redis-server (scripts/task.mjs installs it in CI), a private one per test file: its own
 * free 127.0.0.1 port and temp folder, no persistence. `stop()` and `start()` again on the same port
 * are an outage and a recovery; `pause()`/`resume()` (SIGSTOP/SIGCONT) a Redis that stalls with its
 * connections open. Missing redis-server fails the test: these tests are never skipped.
 */
export const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server'

export interface TestRedis {
  port: number
  url: string
  readonly pid: number | undefined
  /** Starts it (again, on the same port) and resolves once it accepts connections. */
  start(): Promise<void>
  /** SIGTERM by pid, resolves once it exited. */
  stop(): Promise<void>
  pause(): void
  resume(): void
  /** stop() and remove its folder. */
  close(): Promise<void>
}

export async function startRedis(): Promise<TestRedis> {
  const port = await freePort()
  const dir = await mkdtemp(join(tmpdir(), 'dropgate-redis-'))
  let child: ChildProcess | null = null
  const start = async () => {
    const started = spawn(
      REDIS_SERVER,
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    child = started
    let output = ''
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000)
      started.once('error', (error) => {
        clearTimeout(timer)
        reject(new Error(`${REDIS_SERVER} could not run (scripts/task.mjs installs it): ${error.message}`))
      })
      started.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`redis-server exited with ${code}:\n${output}`))
      })
      started.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer)
          resolve()
        }
      })
    })
    started.removeAllListeners('exit')
    started.stdout?.resume()
  }
  const stop = async () => {
    const running = child
    child = null
    if (!running || running.exitCode !== null || running.signalCode !== null) return
    const exited = new Promise((resolve) => running.once('exit', resolve))
    running.kill('SIGCONT') // a paused one could not act on SIGTERM
    running.kill('SIGTERM')
    await exited
  }
  await start()
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    get pid() {
      return child?.pid
    },
    start,
    stop,
    pause: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
    async close() {
      await stop()
      await rm(dir, { recursive: true, force: true })
    },
  }
}
