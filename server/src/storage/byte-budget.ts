/**
 * A process-wide allowance of bytes held in memory, shared by every upload a driver streams: each
 * part is paid for before it is read and paid back once it is sent. When the allowance is spent, the
 * next read waits, which TCP turns into back-pressure on the client, so the server's memory stays
 * bounded however many uploads arrive at once. First come, first served.
 */
export interface ByteBudget {
  /** Resolves once `bytes` are available; call the returned function to give them back (once). */
  acquire(bytes: number): Promise<() => void>
  readonly available: number
}

export function createByteBudget(total: number): ByteBudget {
  if (!Number.isSafeInteger(total) || total <= 0)
    throw new TypeError(`byte budget must be a positive integer: ${total}`)
  let available = total
  const waiting: { bytes: number; grant: () => void }[] = []
  const pump = () => {
    while (waiting.length > 0 && (waiting[0] as { bytes: number }).bytes <= available) {
      const next = waiting.shift() as { bytes: number; grant: () => void }
      available -= next.bytes
      next.grant()
    }
  }
  return {
    acquire(bytes: number) {
      // A request larger than the whole budget would wait forever: it gets the whole budget instead.
      const amount = Math.min(bytes, total)
      return new Promise((resolve) => {
        waiting.push({
          bytes: amount,
          grant: () => {
            let returned = false
            resolve(() => {
              if (returned) return
              returned = true
              available += amount
              pump()
            })
          },
        })
        pump()
      })
    },
    get available() {
      return available
    },
  }
}
