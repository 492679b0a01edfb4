import { describe, expect, it } from 'vitest'
import type { Logger } from '../log.js'
import { type DurableObjectNamespaceLike, durableObjectRateLimiter } from './workers-rate-limit.js'

// The limiter's fallback when the Durable Object cannot be reached. workerd (Miniflare) always
// reaches its objects, so the outage is a namespace whose stub fails as Cloudflare's does: a fetch
// that throws, or an object that answers 500 (an exception inside it, an overloaded object).

const rule = { limit: 2, windowSeconds: 60 }

function recordingLogger() {
  const errors: string[] = []
  const logger: Logger = { info() {}, warn() {}, error: (event) => void errors.push(event) }
  return { logger, errors }
}

/** A namespace whose every object answers with `answer` (or throws it). */
function namespace(answer: () => Response | Error): DurableObjectNamespaceLike & { calls: string[] } {
  const calls: string[] = []
  return {
    calls,
    idFromName: (name) => name,
    get: (id) => ({
      async fetch() {
        calls.push(String(id))
        const result = answer()
        if (result instanceof Error) throw result
        return result
      },
    }),
  }
}

describe('durableObjectRateLimiter', () => {
  it("answers with the object's count while the object answers", async () => {
    const { logger, errors } = recordingLogger()
    const objects = namespace(() => Response.json({ retryAfter: 7 }))
    const limiter = durableObjectRateLimiter(objects, rule, logger)
    expect(await limiter.hit('pk:1.2.3.4')).toBe(7)
    expect(objects.calls).toEqual(['pk:1.2.3.4'])
    expect(errors).toEqual([])
  })

  for (const [outage, answer] of [
    ['a stub that throws', () => new Error('Durable Object reset because its code was updated')],
    ['an object that answers 500', () => new Response('overloaded', { status: 500 })],
  ] as const) {
    it(`${outage}: each request is counted by this instance, and the outage is logged`, async () => {
      const { logger, errors } = recordingLogger()
      const limiter = durableObjectRateLimiter(namespace(answer), rule, logger)
      // The in-memory count of the same rule: two pass, the third waits out the window.
      expect(await limiter.hit('pk:1.2.3.4')).toBe(0)
      expect(await limiter.hit('pk:1.2.3.4')).toBe(0)
      expect(await limiter.hit('pk:1.2.3.4')).toBeGreaterThan(0)
      // Another client has its own count.
      expect(await limiter.hit('pk:5.6.7.8')).toBe(0)
      expect(errors).toEqual(Array(4).fill('rate_limiter_unavailable'))
    })
  }

  it('an object that comes back is asked again: the fallback does not stick', async () => {
    const { logger } = recordingLogger()
    let down = true
    const objects = namespace(() => (down ? new Error('unreachable') : Response.json({ retryAfter: 0 })))
    const limiter = durableObjectRateLimiter(objects, rule, logger)
    await limiter.hit('pk:1.2.3.4')
    down = false
    expect(await limiter.hit('pk:1.2.3.4')).toBe(0)
    expect(objects.calls).toHaveLength(2)
  })
})
