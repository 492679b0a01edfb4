import { S3RequestError } from '../storage/s3/index.js'

/** What `storage check`'s probes share: a finding's status, a failure in words, a public fetch. */

export type Status = 'ok' | 'warn' | 'fail'

export interface Finding {
  status: Status
  topic: string
  text: string
}

/** How a step adds its findings. */
export type AddFinding = (status: Status, topic: string, text: string) => void

/** A store call's outcome in words, for a finding. */
export function describeFailure(error: unknown, endpoint: string): string {
  if (error instanceof S3RequestError) {
    if (error.kind === 'unreachable') return `cannot reach the store at ${endpoint}: ${error.detail}`
    if (error.kind === 'timeout') return `the store at ${endpoint} did not answer: ${error.detail}`
    return `the store answered ${error.detail}`
  }
  return String((error as Error)?.message ?? error)
}

export async function fetchPublic(
  url: string,
  timeoutMs: number,
): Promise<{ ok: boolean; body: Buffer; why: string }> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) })
    const body = Buffer.from(await res.arrayBuffer())
    return {
      ok: res.ok,
      body,
      why: res.ok ? 'serves other bytes than were uploaded' : `answered ${res.status}`,
    }
  } catch (error) {
    return {
      ok: false,
      body: Buffer.alloc(0),
      why: `cannot be fetched: ${(error as { cause?: Error }).cause?.message ?? (error as Error).message}`,
    }
  }
}
