/**
 * Durations on the command line (`--older-than 24h`): one or more whole-number amounts, each with its
 * unit, largest unit first and each unit at most once: `90m`, `24h`, `1d12h`, `2h30m`, `45s`.
 * A bare number is refused: minutes or hours would both be a plausible guess, and a wrong guess
 * aborts uploads still in progress.
 */

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 } as const
type Unit = keyof typeof UNIT_MS
const ORDER: readonly Unit[] = ['d', 'h', 'm', 's']

/** Milliseconds, or undefined when `text` is not such a duration or is zero. */
export function parseDuration(text: string): number | undefined {
  if (!/^(?:\d+[dhms])+$/.test(text)) return undefined
  let total = 0
  let last = -1
  for (const [, amount, unit] of text.matchAll(/(\d+)([dhms])/g)) {
    const rank = ORDER.indexOf(unit as Unit)
    if (rank <= last) return undefined // `30m1h`, `1h1h`
    last = rank
    total += Number(amount) * UNIT_MS[unit as Unit]
  }
  return Number.isSafeInteger(total) && total > 0 ? total : undefined
}

/** An age for people: its two largest units, rounded down (`2d 3h`, `1h 30m`, `45s`). */
export function formatAge(ms: number): string {
  const parts: string[] = []
  let rest = Math.max(0, Math.floor(ms))
  for (const unit of ORDER) {
    const amount = Math.floor(rest / UNIT_MS[unit])
    rest -= amount * UNIT_MS[unit]
    if (amount > 0 || parts.length > 0) parts.push(`${amount}${unit}`)
    if (parts.length === 2) break
  }
  return parts.length === 0 ? '0s' : parts.join(' ')
}
