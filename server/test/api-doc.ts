/**
 * Reads the machine-checked tables of docs/API.md and compares them with what the server does, for
 * test/api-doc.test.ts. Each comparison returns the list of disagreements, one readable line each,
 * so a failing test says which row to fix.
 */

export type Row = Record<string, string>

/**
 * The first markdown table after the heading that starts with `heading`, as rows keyed by the header's
 * column names. Cells are trimmed, `\|` is a literal `|`, and a cell wholly in backticks loses them.
 * Throws when the heading, the table or the expected columns are missing: the doc's shape is part of
 * the contract with this test.
 */
export function tableAfter(markdown: string, heading: string, columns: readonly string[], nth = 0): Row[] {
  const lines = markdown.split('\n')
  const start = lines.findIndex(
    (line) => /^#{2,3} /.test(line) && line.replace(/^#+ /, '').startsWith(heading),
  )
  if (start < 0) throw new Error(`docs/API.md has no heading "${heading}"`)
  // The first line of the nth table after the heading (a table's first line follows a non-table line).
  let first = -1
  for (let i = start + 1, seen = -1; i < lines.length && first < 0; i++)
    if ((lines[i] as string).startsWith('|') && !(lines[i - 1] as string).startsWith('|') && ++seen === nth)
      first = i
  if (first < 0) throw new Error(`docs/API.md has no table ${nth + 1} after "${heading}"`)
  const table: string[][] = []
  for (let i = first; i < lines.length && (lines[i] as string).startsWith('|'); i++)
    table.push(cells(lines[i] as string))
  const [header = [], , ...body] = table
  if (header.join('|') !== columns.join('|'))
    throw new Error(
      `the table after "${heading}" has columns ${header.join(', ')}; expected ${columns.join(', ')}`,
    )
  return body.map((row) => Object.fromEntries(columns.map((name, i) => [name, row[i] ?? ''])))
}

function cells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '')
  return inner
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replaceAll('\\|', '|'))
    .map((cell) => (/^`[^`]*`$/.test(cell) ? cell.slice(1, -1) : cell))
}

/** Set differences both ways, named for the reader: what the server has that the doc lacks, and back. */
export function compareSets(label: string, server: Iterable<string>, documented: Iterable<string>): string[] {
  const have = new Set(server)
  const doc = new Set(documented)
  return [
    ...[...have].filter((item) => !doc.has(item)).map((item) => `${label} not in docs/API.md: ${item}`),
    ...[...doc]
      .filter((item) => !have.has(item))
      .map((item) => `${label} documented but not in the server: ${item}`),
  ]
}

/** Hono's registered routes as the doc writes them: `:fileId` → `{fileId}`, a trailing `*` → `{key}`. */
export function routesOf(app: { routes: readonly { method: string; path: string }[] }): string[] {
  const routes = app.routes
    .filter((route) => route.method !== 'ALL') // middleware (CORS, the request log)
    .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}').replace(/\/\*$/, '/{key}')}`)
  return [...new Set(routes)]
}

/**
 * One error the server can answer. `message` is what it says: a concrete message (an entry of the
 * error table built with sample arguments), a template whose `{}` are values (`template`, read off the
 * source), or null when the source builds it from an expression this test cannot read (then code and
 * status are still checked).
 */
export interface ServerError {
  code: string
  status: number
  message: string | null
  template?: boolean
  /** The message is the table's own template (`{name}` placeholders): the doc must spell it the same. */
  exact?: boolean
}

/** A `{name}` in a doc message stands for a value; `{ticket, uploadId, …}` is text. */
const PLACEHOLDER = /\{[a-z][A-Za-z]*\}/g

function matches(row: Row, error: ServerError): boolean {
  if (row.code !== error.code || Number(row.HTTP) !== error.status) return false
  const documented = row.message ?? ''
  if (error.message === null) return true
  if (error.exact) return documented === error.message
  if (error.template) return documented.replace(PLACEHOLDER, '{}') === error.message
  const pattern = documented
    .split(PLACEHOLDER)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.+')
  return new RegExp(`^${pattern}$`).test(error.message)
}

/**
 * Every error the server answers has its row (same code, status and message), and every row is an
 * error the server answers. The one place that knows what the server's errors are is the caller, so
 * pointing this at another error table is a change of its argument only.
 */
export function compareErrors(rows: readonly Row[], serverErrors: readonly ServerError[]): string[] {
  const problems: string[] = []
  for (const error of serverErrors)
    if (!rows.some((row) => matches(row, error)))
      problems.push(
        `error not in docs/API.md: ${error.code} ${error.status} ${JSON.stringify(error.message)}`,
      )
  for (const row of rows)
    if (!serverErrors.some((error) => matches(row, error)))
      problems.push(
        `error documented but not in the server: ${row.code} ${row.HTTP} ${JSON.stringify(row.message)}`,
      )
  return [...new Set(problems)] // an error raised in several places is one problem
}

/**
 * The `new DropgateError(code, status, message)` calls of a source file, outside the error table.
 * A string literal message is read as it is, a template literal with its `${…}` as `{}`; any other
 * expression leaves the message unknown.
 */
export function dropgateErrorsIn(source: string): ServerError[] {
  const found: ServerError[] = []
  const call = /new DropgateError\(\s*'([a-z_]+)',\s*(\d{3}),\s*/g
  for (let match = call.exec(source); match; match = call.exec(source))
    found.push(withMessage(match[1] as string, Number(match[2]), source, call.lastIndex))
  return found
}

/**
 * The S3 error documents the embedded store answers: `s3Error(c, status, 'Code', message)` calls, and
 * the `MultipartError('Code', message)`s of its multipart steps, which it answers with 404 for
 * NoSuchUpload and 400 for the others (`multipartCall` in the local store's routes).
 */
export function s3ErrorsIn(source: string): ServerError[] {
  const found: ServerError[] = []
  const answered = /s3Error\(\s*c,\s*(\d{3}),\s*'(\w+)',\s*/g
  for (let match = answered.exec(source); match; match = answered.exec(source))
    found.push(withMessage(match[2] as string, Number(match[1]), source, answered.lastIndex))
  const thrown = /new MultipartError\(\s*'(\w+)',\s*/g
  for (let match = thrown.exec(source); match; match = thrown.exec(source)) {
    const code = match[1] as string
    found.push(withMessage(code, code === 'NoSuchUpload' ? 404 : 400, source, thrown.lastIndex))
  }
  return found
}

function withMessage(code: string, status: number, source: string, at: number): ServerError {
  const literal = readLiteral(source, at)
  const after = literal ? source.slice(literal.end).trimStart()[0] : undefined
  // A message that is one expression (`${other.message}`) says nothing this test can read.
  const known = literal !== null && (after === ',' || after === ')') && literal.text !== '{}'
  return { code, status, message: known ? literal.text : null, template: known && literal.template }
}

function readLiteral(source: string, at: number): { text: string; template: boolean; end: number } | null {
  const quote = source[at]
  if (quote !== "'" && quote !== '"' && quote !== '`') return null
  let text = ''
  let template = false
  for (let i = at + 1; i < source.length; i++) {
    const char = source[i] as string
    if (char === '\\') {
      text += source[++i]
      continue
    }
    if (char === quote) return { text, template, end: i + 1 }
    if (quote === '`' && char === '$' && source[i + 1] === '{') {
      let depth = 0
      for (i += 1; i < source.length; i++) {
        if (source[i] === '{') depth++
        else if (source[i] === '}' && --depth === 0) break
      }
      text += '{}'
      template = true
      continue
    }
    text += char
  }
  return null
}

/** Every environment name `load(env)` reads, from a recording env; a load that throws still counts. */
export function envReads(
  load: (env: Record<string, string | undefined>) => unknown,
  env: Record<string, string>,
) {
  const reads = new Set<string>()
  const recording = new Proxy(env, {
    get(target, name) {
      if (typeof name === 'string') reads.add(name)
      return target[name as string]
    },
  })
  try {
    load(recording)
  } catch {
    // A setting it refuses was still read.
  }
  return reads
}
