import type { Settled } from './api-types.js'

/**
 * Coalesces calls into batch requests: what is asked within one task (the same turn of the event
 * loop, e.g. every file of an upload's start) goes out as one request, and what is asked while
 * `maxInFlight` requests are out goes out together as the next one, once one of them settles. No
 * timer: nothing waits that does not have to, and a lone call is sent at the end of the task it was
 * made in.
 */
export interface BatcherOptions<In, Out> {
  /** The most items one request may carry (the server's limit); more are split across requests. */
  readonly max: number
  /**
   * Sends one request for `items` and answers each item's own outcome, in order. A rejection (the
   * request failed as a whole) fails every item of it with that error.
   */
  readonly send: (items: readonly In[]) => Promise<readonly Settled<Out>[]>
  /**
   * How many requests may be out before calls wait to be coalesced (default 1). More than one suits
   * a request the server takes long over: a file that is ready while one is out need not wait for it
   * to come back. A queue sent when a slot frees goes whole, split into requests of `max`, so more
   * than `max` items at once can put a request or two beyond this count.
   */
  readonly maxInFlight?: number
}

interface Waiting<In, Out> {
  readonly item: In
  readonly resolve: (value: Out) => void
  readonly reject: (error: unknown) => void
}

export function createBatcher<In, Out>({
  max,
  send,
  maxInFlight = 1,
}: BatcherOptions<In, Out>): (item: In) => Promise<Out> {
  if (!Number.isInteger(max) || max < 1)
    throw new TypeError(`Dropgate: a batch holds at least 1 item, not ${max}`)
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1)
    throw new TypeError(`Dropgate: at least 1 request must be allowed in flight, not ${maxInFlight}`)
  let queue: Waiting<In, Out>[] = []
  let inFlight = 0
  let scheduled = false

  const sendChunk = async (chunk: readonly Waiting<In, Out>[]) => {
    try {
      const answers = await send(chunk.map((w) => w.item))
      chunk.forEach((waiting, i) => {
        const answer = answers[i]
        if (!answer) waiting.reject(new Error('Dropgate: the batch answer has no entry for this item'))
        else if (answer.ok) waiting.resolve(answer.value)
        else waiting.reject(answer.error)
      })
    } catch (error) {
      for (const waiting of chunk) waiting.reject(error)
    } finally {
      inFlight--
      schedule()
    }
  }

  const flush = () => {
    scheduled = false
    if (inFlight >= maxInFlight || queue.length === 0) return
    const taken = queue
    queue = []
    for (let start = 0; start < taken.length; start += max) {
      inFlight++
      void sendChunk(taken.slice(start, start + max))
    }
  }

  // A microtask runs once the current task's synchronous work is done: every call made in it is queued.
  const schedule = () => {
    if (scheduled || queue.length === 0) return
    scheduled = true
    queueMicrotask(flush)
  }

  return (item) =>
    new Promise<Out>((resolve, reject) => {
      queue.push({ item, resolve, reject })
      if (inFlight < maxInFlight) schedule()
    })
}
