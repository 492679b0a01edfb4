// Sizes in this project are binary: the server's caps are MiB (README, `DROPGATE_MAX_*_BYTES`), and
// its error text words them "File too large (max 10MB)" where 10MB is 10 MiB, so `10MB` on a page
// must mean the same bytes or the two would disagree at the edge. Shown sizes say MiB.
const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
}

const SIZE = /^(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)$/i

/** Parses `10485760`, `"10485760"`, `"10MB"`, `"1.5 GiB"` into whole bytes; `undefined` when it is not a size. */
export function parseSize(input: unknown): number | undefined {
  if (typeof input === 'number') {
    return Number.isFinite(input) && input >= 0 ? Math.floor(input) : undefined
  }
  if (typeof input !== 'string') return undefined
  const match = SIZE.exec(input.trim())
  if (!match) return undefined
  const factor = UNITS[(match[2] ?? '').toLowerCase()]
  if (factor === undefined) return undefined
  const bytes = Math.floor(Number(match[1]) * factor)
  return Number.isSafeInteger(bytes) ? bytes : undefined
}

/** `10485760` → `"10 MiB"`, in the binary units the server's caps are set in. */
export function formatSize(bytes: number, locale = 'en'): string {
  const steps = ['B', 'KiB', 'MiB', 'GiB'] as const
  let value = bytes
  let step = 0
  while (value >= 1024 && step < steps.length - 1) {
    value /= 1024
    step++
  }
  const digits = value >= 10 || step === 0 ? 0 : 1
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)
  return `${number} ${steps[step]}`
}
