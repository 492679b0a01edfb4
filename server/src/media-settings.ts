import { DEFAULT_MAX_PIXELS, type MediaRules } from '@dropgate/core'

/**
 * DROPGATE_IMAGE_MIN_SIDE, DROPGATE_IMAGE_MAX_SIDE, DROPGATE_IMAGE_MAX_ASPECT, DROPGATE_IMAGE_MAX_PIXELS,
 * DROPGATE_MEDIA_MIN_SECONDS, DROPGATE_MEDIA_MAX_SECONDS (docs/API.md §1) as `MediaRules`. Unset: no
 * limit, but for the pixel guard (DEFAULT_MAX_PIXELS). Every problem is added to `problems`, named.
 */
export function readMediaRules(read: (name: string) => string | undefined, problems: string[]): MediaRules {
  const number = (name: string, what: 'pixels' | 'ratio' | 'seconds'): number | undefined => {
    const raw = read(name)
    if (raw === undefined) return undefined
    const value = Number(raw)
    const whole = what === 'pixels'
    const valid = whole
      ? /^\d+$/.test(raw) && Number.isSafeInteger(value) && value >= 1
      : /^\d+(\.\d+)?$/.test(raw) && Number.isFinite(value) && (what === 'ratio' ? value >= 1 : value >= 0)
    if (valid) return value
    problems.push(
      whole
        ? `${name} must be a whole number of pixels, at least 1 (got "${raw}")`
        : what === 'ratio'
          ? `${name} must be a number, at least 1 (4 means from 4:1 to 1:4) (got "${raw}")`
          : `${name} must be a number of seconds, like 1 or 0.5 (got "${raw}")`,
    )
    return undefined
  }
  const minSide = number('DROPGATE_IMAGE_MIN_SIDE', 'pixels')
  const maxSide = number('DROPGATE_IMAGE_MAX_SIDE', 'pixels')
  const maxAspect = number('DROPGATE_IMAGE_MAX_ASPECT', 'ratio')
  const maxPixels = number('DROPGATE_IMAGE_MAX_PIXELS', 'pixels') ?? DEFAULT_MAX_PIXELS
  const minSeconds = number('DROPGATE_MEDIA_MIN_SECONDS', 'seconds')
  const maxSeconds = number('DROPGATE_MEDIA_MAX_SECONDS', 'seconds')
  if (minSide !== undefined && maxSide !== undefined && minSide > maxSide)
    problems.push(`DROPGATE_IMAGE_MIN_SIDE (${minSide}) is larger than DROPGATE_IMAGE_MAX_SIDE (${maxSide})`)
  if (minSeconds !== undefined && maxSeconds !== undefined && minSeconds > maxSeconds)
    problems.push(
      `DROPGATE_MEDIA_MIN_SECONDS (${minSeconds}) is larger than DROPGATE_MEDIA_MAX_SECONDS (${maxSeconds})`,
    )
  if (minSide !== undefined && minSide * minSide > maxPixels)
    problems.push(
      `DROPGATE_IMAGE_MIN_SIDE (${minSide}) asks for more pixels than DROPGATE_IMAGE_MAX_PIXELS (${maxPixels}) allows`,
    )
  const defined = <T extends object>(value: T): T =>
    Object.freeze(Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined))) as T
  return Object.freeze({
    image: defined({ minSide, maxSide, maxAspect, maxPixels }),
    duration: defined({ minSeconds, maxSeconds }),
  })
}
