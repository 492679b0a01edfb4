import { familyOf, type MediaFamily } from './media-types.js'

/** Sizes in this project are binary: a cap of "10MB" is 10 MiB, on the server and on the page. */
export const MiB = 1024 * 1024

/** The largest file, in bytes, the signer accepts of each family. */
export type Caps = Readonly<Record<MediaFamily, number>>

/** The documented defaults (DROPGATE_MAX_{IMAGE,VIDEO,AUDIO}_BYTES), also what the widget assumes before it has the policy. */
export const DEFAULT_CAPS: Caps = Object.freeze({ image: 10 * MiB, video: 100 * MiB, audio: 100 * MiB })

export function capFor(caps: Caps, contentType: string): number | null {
  const family = familyOf(contentType)
  return family ? caps[family] : null
}

export function largestCap(caps: Caps): number {
  return Math.max(caps.image, caps.video, caps.audio)
}

/**
 * A cap as the error table words it ("max 10MB", where MB is MiB); one too small to read that way is
 * given in bytes. The widget reads the same words back (errors.ts `codeOfMessage`).
 */
export function formatCap(bytes: number): string {
  const mib = bytes / MiB
  return mib >= 0.01 ? `${Number(mib.toFixed(2))}MB` : `${bytes} bytes`
}
