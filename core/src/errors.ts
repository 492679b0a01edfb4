import { ERROR_TABLE, type ErrorRow } from './error-table.js'

export type ErrorCode = keyof typeof ERROR_TABLE
type Table = typeof ERROR_TABLE

/**
 * The values a code's message names, `{}` for a message that names none. Distributes over a union
 * of codes (a MediaRefusal's), so that each code keeps its own parameters.
 */
export type ErrorParams<C extends ErrorCode> = C extends ErrorCode
  ? Table[C] extends { params: readonly (infer P extends string)[] }
    ? Readonly<Record<P, string | number>>
    : Readonly<Record<never, never>>
  : never

/** The codes whose message names no parameter: these need no second argument. */
export type PlainErrorCode = {
  [C in ErrorCode]: Table[C] extends { params: readonly string[] } ? never : C
}[ErrorCode]

export const isErrorCode = (value: string): value is ErrorCode => Object.hasOwn(ERROR_TABLE, value)

export function errorRow(code: ErrorCode): ErrorRow {
  return ERROR_TABLE[code]
}

/** The code's message with its parameters filled in. */
export function errorMessage<C extends ErrorCode>(code: C, params: ErrorParams<C>): string {
  const row: ErrorRow = ERROR_TABLE[code]
  const values = params as Readonly<Record<string, string | number>>
  let message = row.message
  for (const name of row.params ?? []) message = message.replaceAll(`{${name}}`, String(values[name]))
  return message
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A message template as a pattern: its literal text exactly, each parameter as any text. */
function patternOf(row: ErrorRow): RegExp {
  let source = escapeRegExp(row.message)
  for (const name of row.params ?? []) source = source.replaceAll(escapeRegExp(`{${name}}`), '(.+?)')
  return new RegExp(`^${source}$`)
}

// Most literal text first, so that a message that is all parameter (`{problems}`) is the last guess.
const literalLength = (row: ErrorRow) =>
  (row.params ?? []).reduce((length, name) => length - `{${name}}`.length, row.message.length)
const MATCHERS: readonly (readonly [ErrorCode, number, RegExp])[] = (
  Object.entries(ERROR_TABLE) as [ErrorCode, ErrorRow][]
)
  .sort(([, a], [, b]) => literalLength(b) - literalLength(a))
  .map(([code, row]) => [code, row.status, patternOf(row)] as const)

/**
 * The code of a native wire error, read back from its status and message (the native body carries no
 * machine code): what the widget uses to tell a person what went wrong. Undefined for a message this
 * table has no row for (another server version, a proxy's page).
 */
export function codeOfMessage(status: number, message: string): ErrorCode | undefined {
  for (const [code, rowStatus, pattern] of MATCHERS) {
    if (rowStatus === status && pattern.test(message)) return code
  }
  return undefined
}
