export interface RetryOptions {
  /** Wait before each further attempt, in ms; its length is the number of retries. */
  readonly delays?: readonly number[]
  readonly shouldRetry: (error: unknown) => boolean
  readonly signal?: AbortSignal
  /** Injected by tests; the default waits on a timer and stops early on abort. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  readonly random?: () => number
}

// Close to Uppy's own PUT retries (300 ms doubling), a little longer since these calls reach the
// signer, whose usual transient failure is a restart or a rate limit rather than a dropped packet.
export const DEFAULT_DELAYS: readonly number[] = [500, 1000, 2000]

const sleepFor = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        reject(signal.reason)
      },
      { once: true },
    )
  })

/**
 * Runs `attempt` until it succeeds, `shouldRetry` says no, or the delays run out. Each delay is
 * jittered by ±20% so that many widgets failing together do not retry together.
 */
export async function withRetry<T>(attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const { delays = DEFAULT_DELAYS, shouldRetry, signal, sleep = sleepFor, random = Math.random } = options
  for (let n = 0; ; n++) {
    try {
      return await attempt(n)
    } catch (error) {
      if (signal?.aborted) throw signal.reason
      const delay = delays[n]
      if (delay === undefined || !shouldRetry(error)) throw error
      await sleep(Math.round(delay * (0.8 + 0.4 * random())), signal)
    }
  }
}
