import { isAllowedType, type MediaRefusal, type RefusedFormat, type Sniffed } from '@dropgate/core'
import { extensionOf, kindOf, type MediaKind, mimeFromExtension, normalizeMime } from './media-types.js'
import { type Rules, ruleFor } from './rules.js'

export type RefusalReason =
  | 'type'
  | 'extension'
  | 'size'
  | 'empty'
  | 'count'
  | 'content'
  | 'mismatch'
  | 'dimensions'
  | 'duration'

/** Why a file is not uploaded; `reason` is the stable code in `dropgate:rejected`. */
export interface Refusal {
  readonly reason: RefusalReason
  readonly name: string
  /** `size`: the byte limit; `count`: the file limit. */
  readonly limit?: number
  readonly kind?: MediaKind
  readonly extension?: string
  /** `content`: what the bytes turned out to be (`html`, `zip`, …, or `unknown`). */
  readonly format?: RefusedFormat | 'unknown'
  /** `dimensions`, `duration`: the media rule broken (the server's error code for it)… */
  readonly code?: MediaRefusal['code']
  /** …and the sentence, already in the page's language (worded by the media reader). */
  readonly message?: string
}

export interface Candidate {
  readonly name: string
  /** As the browser reports it; often empty for HEIC or MKV. */
  readonly type: string
  readonly size: number
}

export type Checked =
  | { readonly ok: true; readonly type: string }
  | { readonly ok: false; readonly refusal: Refusal }

const refuse = (refusal: Refusal): Checked => ({ ok: false, refusal })

/** The type a file will be declared as: the browser's, or its extension's when the browser had none. */
export function declaredType(file: Candidate): string {
  const type = normalizeMime(file.type)
  if (type && type !== 'application/octet-stream') return file.type
  return mimeFromExtension(extensionOf(file.name)) ?? ''
}

/**
 * The checks that need no bytes: type, extension, size and count. `alreadyAdded` is the number of
 * files already accepted. Runs as a file is added, so a refusal is shown before anything is sent.
 */
export function checkCandidate(file: Candidate, rules: Rules, alreadyAdded: number): Checked {
  const { name } = file
  const type = declaredType(file)
  const rule = type ? ruleFor(rules, type) : undefined
  const kind = kindOf(type)
  if (!rule || !kind) return refuse({ reason: 'type', name })

  // A name that says another kind of file (clip.mp4 declared as image/png) is refused: the name is
  // what people see and what the server stores the extension from. Names the widget does not know
  // pass when the policy accepts any type of that kind, or when the server lists them for the kind
  // (a server whose media table is newer than this widget's).
  const extension = extensionOf(name)
  const typeOfExtension = extension ? mimeFromExtension(extension) : undefined
  const extensionOk = typeOfExtension
    ? kindOf(typeOfExtension) === kind && ruleFor(rules, typeOfExtension) !== undefined
    : !extension || rule.types.includes(`${kind}/*`) || rule.extensions.includes(extension)
  if (!extensionOk) return refuse({ reason: 'extension', name, extension })

  if (file.size === 0) return refuse({ reason: 'empty', name })
  if (file.size > rule.maxBytes) return refuse({ reason: 'size', name, kind, limit: rule.maxBytes })
  if (alreadyAdded >= rules.maxFiles) return refuse({ reason: 'count', name, limit: rules.maxFiles })
  return { ok: true, type }
}

/**
 * The check on the file's first bytes, after `checkCandidate` passed with `type`. Answers the type to
 * upload with: the declared one when the bytes agree, or the bytes' own type when they are the same
 * kind of media in another format (a PNG saved as .jpg), so the stored Content-Type is true.
 */
export function checkContent(file: Candidate, type: string, sniffed: Sniffed, rules: Rules): Checked {
  const { name } = file
  if (sniffed.verdict === 'refused') return refuse({ reason: 'content', name, format: sniffed.format })
  const declared = normalizeMime(type)
  if (sniffed.verdict === 'unknown') {
    // Every type of the media table must show its signature: the server applies the same rules
    // (@dropgate/core sniff) and refuses it too. A type outside the table (a policy may allow any
    // `image/*`) is left to the server's own check.
    return isAllowedType(declared)
      ? refuse({ reason: 'content', name, format: 'unknown' })
      : { ok: true, type }
  }
  if (sniffed.types.includes(declared)) return { ok: true, type }
  const kind = kindOf(declared)
  const actual = sniffed.types.find((t) => kindOf(t) === kind && ruleFor(rules, t) !== undefined)
  return actual ? { ok: true, type: actual } : refuse({ reason: 'mismatch', name, kind })
}
