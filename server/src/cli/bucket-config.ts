import { STAGING_PREFIX } from '../core/keys.js'
import { escapeXml, xmlElements, xmlText, xmlTexts } from '../storage/s3/index.js'

/**
 * The bucket settings Dropgate needs, as S3 XML documents, and the rules to read them back:
 * - CORS (S3 PutBucketCors): browsers PUT/POST/DELETE/GET straight to the store, send Content-Type,
 *   and read the ETag of each part (Uppy's S3 multipart), so it must be exposed.
 * - Lifecycle (S3 PutBucketLifecycleConfiguration): objects under `uploads/` expire after the file
 *   TTL, and multipart uploads left incomplete are aborted after a day; uploads never checked, under
 *   `quarantine/`, go after a day (in S3_QUARANTINE_BUCKET, that bucket's only rule).
 * Existing rules of the bucket are kept; only Dropgate's own (by ID) are replaced. Which bucket gets
 * which, and how check judges them: bucket-settings.ts.
 */

export const UPLOADS_PREFIX = 'uploads/'
export const CORS_RULE_ID = 'dropgate'
export const EXPIRE_RULE_ID = 'dropgate-expire-uploads'
export const ABORT_RULE_ID = 'dropgate-abort-incomplete-multipart'
/** Uploads not yet checked (core/keys.ts STAGING_PREFIX): gone after a day, checked or not. */
export const QUARANTINE_RULE_ID = 'dropgate-expire-quarantine'
/** What the widget's requests use: single PUT, multipart POST/PUT/GET/DELETE, HEAD for checks. */
export const CORS_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'] as const
/** The methods a browser upload cannot do without. */
export const REQUIRED_CORS_METHODS = ['PUT', 'POST', 'GET', 'DELETE'] as const
const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/'

/** S3 lifecycle counts whole days; a TTL of part of a day still needs one. */
export function expiryDays(fileTtlSeconds: number): number {
  return Math.max(1, Math.ceil(fileTtlSeconds / 86_400))
}

// ---------------------------------------------------------------------------------------------
// CORS

export interface CorsRule {
  id: string | undefined
  origins: string[]
  methods: string[]
  headers: string[]
  expose: string[]
}

export function parseCors(xml: string): { rules: CorsRule[]; raw: string[] } {
  const raw = xmlElements(xml, 'CORSRule')
  const rules = raw.map((rule) => ({
    id: xmlText(rule, 'ID'),
    origins: xmlTexts(rule, 'AllowedOrigin'),
    methods: xmlTexts(rule, 'AllowedMethod').map((m) => m.toUpperCase()),
    headers: xmlTexts(rule, 'AllowedHeader'),
    expose: xmlTexts(rule, 'ExposeHeader'),
  }))
  return { rules, raw }
}

/** PutBucketCors body: the bucket's other rules as they were, then Dropgate's. */
export function corsDocument(origins: readonly string[], existingXml = ''): string {
  const { rules, raw } = parseCors(existingXml)
  const kept = raw
    .filter((_, i) => rules[i]?.id !== CORS_RULE_ID)
    .map((inner) => `<CORSRule>${inner}</CORSRule>`)
  const ours =
    '<CORSRule>' +
    `<ID>${CORS_RULE_ID}</ID>` +
    origins.map((origin) => `<AllowedOrigin>${escapeXml(origin)}</AllowedOrigin>`).join('') +
    CORS_METHODS.map((method) => `<AllowedMethod>${method}</AllowedMethod>`).join('') +
    '<AllowedHeader>*</AllowedHeader>' +
    '<ExposeHeader>ETag</ExposeHeader>' +
    '<MaxAgeSeconds>3600</MaxAgeSeconds>' +
    '</CORSRule>'
  return `<CORSConfiguration xmlns="${S3_NS}">${kept.join('')}${ours}</CORSConfiguration>`
}

/** S3's CORS matching: `*` in an AllowedOrigin/AllowedHeader matches any run of characters. */
function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')
  return new RegExp(`^${escaped}$`, ignoreCase ? 'i' : '').test(value)
}

/**
 * What a browser on each origin could not do under these rules (S3 applies the first rule that
 * matches origin, method and request headers): an empty list means uploads work.
 */
export function corsGaps(rules: readonly CorsRule[], origins: readonly string[]): string[] {
  const gaps: string[] = []
  for (const origin of origins) {
    const missing: string[] = []
    let exposesEtag = true
    for (const method of REQUIRED_CORS_METHODS) {
      const requestHeaders = method === 'PUT' || method === 'POST' ? ['content-type'] : []
      const rule = rules.find(
        (r) =>
          r.origins.some((o) => wildcard(o, origin, false)) &&
          r.methods.includes(method) &&
          requestHeaders.every((h) => r.headers.some((allowed) => wildcard(allowed, h, true))),
      )
      if (!rule) missing.push(method)
      else if (method === 'PUT' && !rule.expose.some((h) => h.toLowerCase() === 'etag' || h === '*'))
        exposesEtag = false
    }
    if (missing.length > 0) gaps.push(`${origin} may not ${missing.join('/')} with Content-Type`)
    if (!exposesEtag) gaps.push(`${origin} cannot read the ETag header (ExposeHeader ETag is missing)`)
  }
  return gaps
}

// ---------------------------------------------------------------------------------------------
// Lifecycle

export interface LifecycleRule {
  id: string | undefined
  enabled: boolean
  /** The prefix the rule applies to, or null when it filters on more than a prefix (tags, sizes). */
  prefix: string | null
  expirationDays: number | undefined
  abortIncompleteDays: number | undefined
}

export function parseLifecycle(xml: string): { rules: LifecycleRule[]; raw: string[] } {
  const raw = xmlElements(xml, 'Rule')
  const rules = raw.map((rule) => {
    const filter = xmlElements(rule, 'Filter')[0]
    const narrowed =
      filter !== undefined && /<(?:Tag|ObjectSizeGreaterThan|ObjectSizeLessThan)\b/.test(filter)
    const prefix = narrowed ? null : (xmlText(filter ?? rule, 'Prefix') ?? '')
    const expiration = xmlElements(rule, 'Expiration')[0]
    const abort = xmlElements(rule, 'AbortIncompleteMultipartUpload')[0]
    const number = (text: string | undefined) =>
      text === undefined || !/^\d+$/.test(text) ? undefined : Number(text)
    return {
      id: xmlText(rule, 'ID'),
      enabled: xmlText(rule, 'Status') === 'Enabled',
      prefix,
      expirationDays: expiration === undefined ? undefined : number(xmlText(expiration, 'Days')),
      abortIncompleteDays: abort === undefined ? undefined : number(xmlText(abort, 'DaysAfterInitiation')),
    }
  })
  return { rules, raw }
}

/** The shortest expiry and incomplete-upload abort of the enabled rules that take in every key under `prefix`. */
export function lifecycleFor(
  prefix: string,
  rules: readonly LifecycleRule[],
): { expirationDays: number | undefined; abortIncompleteDays: number | undefined } {
  const covering = rules.filter(
    (rule) => rule.enabled && rule.prefix !== null && prefix.startsWith(rule.prefix),
  )
  const min = (values: (number | undefined)[]) => {
    const defined = values.filter((v): v is number => v !== undefined)
    return defined.length === 0 ? undefined : Math.min(...defined)
  }
  return {
    expirationDays: min(covering.map((rule) => rule.expirationDays)),
    abortIncompleteDays: min(covering.map((rule) => rule.abortIncompleteDays)),
  }
}

/** The shortest expiry and incomplete-upload abort that apply to uploads, if any. */
export function uploadsLifecycle(rules: readonly LifecycleRule[]): {
  expirationDays: number | undefined
  abortIncompleteDays: number | undefined
} {
  return lifecycleFor(UPLOADS_PREFIX, rules)
}

const OUR_LIFECYCLE_RULES = new Set([EXPIRE_RULE_ID, ABORT_RULE_ID, QUARANTINE_RULE_ID])
const QUARANTINE_RULE =
  `<Rule><ID>${QUARANTINE_RULE_ID}</ID><Filter><Prefix>${STAGING_PREFIX}</Prefix></Filter><Status>Enabled</Status>` +
  '<Expiration><Days>1</Days></Expiration>' +
  '<AbortIncompleteMultipartUpload><DaysAfterInitiation>1</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule>'

/** The bucket's rules but Dropgate's, as they were, then `ours`. */
function withLifecycleRules(existingXml: string, ours: string): string {
  const { rules, raw } = parseLifecycle(existingXml)
  const kept = raw
    .filter((_, i) => !OUR_LIFECYCLE_RULES.has(rules[i]?.id ?? ''))
    .map((inner) => `<Rule>${inner}</Rule>`)
  return `<LifecycleConfiguration xmlns="${S3_NS}">${kept.join('')}${ours}</LifecycleConfiguration>`
}

/**
 * The main bucket's PutBucketLifecycleConfiguration body: uploads expire after `days`, their incomplete
 * multipart uploads go after a day, and so does what waits under `quarantine/` (with a quarantine
 * bucket nothing new does, but uploads staged before it was set may).
 */
export function lifecycleDocument(days: number, existingXml = ''): string {
  const filter = `<Filter><Prefix>${UPLOADS_PREFIX}</Prefix></Filter>`
  const expire = `<Rule><ID>${EXPIRE_RULE_ID}</ID>${filter}<Status>Enabled</Status><Expiration><Days>${days}</Days></Expiration></Rule>`
  const abort =
    `<Rule><ID>${ABORT_RULE_ID}</ID>${filter}<Status>Enabled</Status>` +
    '<AbortIncompleteMultipartUpload><DaysAfterInitiation>1</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule>'
  return withLifecycleRules(existingXml, `${expire}${abort}${QUARANTINE_RULE}`)
}

/** S3_QUARANTINE_BUCKET's body: only the quarantine's rule (unchecked uploads gone after a day). */
export function quarantineLifecycleDocument(existingXml = ''): string {
  return withLifecycleRules(existingXml, QUARANTINE_RULE)
}
