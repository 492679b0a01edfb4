import type { Config } from '../config.js'
import type { Finding, Status } from './check-findings.js'

/** What `storage check|setup` print: a line per finding, a verdict, and the bucket they are about. */

const LABEL: Record<Status, string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' }

/** One line per finding. */
export function formatLines(findings: readonly Finding[]): string {
  return findings.map((f) => `  ${LABEL[f.status]}  ${f.topic}: ${f.text}\n`).join('')
}

/** The report: one line per finding, then a verdict. */
export function formatFindings(findings: readonly Finding[]): string {
  const failed = findings.filter((f) => f.status === 'fail').length
  const warned = findings.filter((f) => f.status === 'warn').length
  const verdict =
    failed > 0
      ? `${failed} problem(s) to fix${warned > 0 ? `, ${warned} warning(s)` : ''}.`
      : warned > 0
        ? `Ready, with ${warned} warning(s).`
        : 'Ready.'
  return `${formatLines(findings)}${verdict}\n`
}

export function heading(config: Config): string {
  if (config.storage.kind !== 's3') return ''
  const { bucket, endpoint, region } = config.storage.s3
  return `S3 bucket "${bucket}" at ${endpoint} (region ${region})\n`
}
