/*
 * Declared here, not by the storage port, so that what produces a hint (the multipart form reader,
 * http/multipart-file.ts) and what consumes it (drivers, through storage/storage.ts) share it without
 * either importing the other's layer.
 */

/** What a caller knows ahead of time about the length of a body it streams. */
export interface BodyLengthHint {
  /**
   * Bytes of the body certainly still to come after those its iterator has yielded so far: never
   * more than the truth (less is always safe, 0 when unknown).
   */
  atLeastRemaining(): number
  /** The error to fail with when the body ends before what `atLeastRemaining` promised. */
  shortfall(): Error
  /**
   * The body's whole length (from its first byte) if nothing follows it but the usual end of its
   * container (a form's closing boundary line), or null when that cannot be told. A guess a driver may
   * bet on, never a promise: the body may still end sooner or later than this.
   */
  lengthIfLast?(): number | null
}
