/**
 * One JSON line per event on stderr. Callers pass fields, never whole requests, so headers
 * (Authorization) and upload URLs (signatures) cannot end up in a log line by accident.
 */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void
  warn(event: string, fields?: Record<string, unknown>): void
  error(event: string, fields?: Record<string, unknown>): void
}

/**
 * `write` receives each line (without its newline) as it is logged; by default lines go to stderr in
 * batches (`stderrLines`), since a write to stderr is a synchronous system call per write when it is a
 * file or a pipe, which was ~5 µs of every request.
 */
export function createLogger(write: (line: string) => void = stderrLines): Logger {
  const emit = (level: string) => (event: string, fields?: Record<string, unknown>) =>
    write(formatLine(level, event, fields))
  return { info: emit('info'), warn: emit('warn'), error: emit('error') }
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} }

/**
 * The line `JSON.stringify({ time, level, event, ...fields })` writes, built without the spread copy
 * and the generic serializer when every field is a primitive under an ordinary name (the request
 * line, and nearly every other). Anything else, where the object's own rules decide (a field named
 * time, level or event replaces that value in place; integer-like names sort first; objects may have
 * toJSON), takes the general form, so the output is the same in every case.
 */
export function formatLine(level: string, event: string, fields?: Record<string, unknown>): string {
  const time = isoNow()
  let line = `{"time":"${time}","level":${quoted(level)},"event":${quoted(event)}`
  if (fields !== undefined && fields !== null) {
    for (const name of Object.keys(fields)) {
      const value = fields[name]
      if (!isPlainName(name) || (value !== null && typeof value === 'object') || typeof value === 'function')
        return JSON.stringify({ time, level, event, ...fields })
      // Primitives serialize alone as they do inside an object; `undefined` leaves the field out.
      if (value !== undefined && typeof value !== 'symbol')
        line += `,${quoted(name)}:${Number.isSafeInteger(value) ? value : JSON.stringify(value)}`
    }
  }
  return `${line}}`
}

// The JSON of levels, events and field names: the same few strings on every line, each written by
// the code (bounded all the same, should one ever come from elsewhere).
const quotedNames = new Map<string, string>()
function quoted(name: string): string {
  let json = quotedNames.get(name)
  if (json === undefined) {
    json = JSON.stringify(name)
    if (quotedNames.size < 1024) quotedNames.set(name, json)
  }
  return json
}

function isPlainName(name: string): boolean {
  const first = name.charCodeAt(0)
  const digit = first >= 48 && first <= 57 // '0'..'9': maybe an array index, which objects order first
  return !digit && name !== 'time' && name !== 'level' && name !== 'event'
}

// Many lines share a millisecond under load, and more share a second: toISOString costs ~1 µs
// (~7k instructions: V8 formats it with snprintf), so it runs once a second and the milliseconds
// are appended.
let isoMs = Number.NaN
let isoText = ''
let isoSecond = Number.NaN
let isoSecondText = '' // 2026-01-02T03:04:05.
function isoNow(): string {
  const ms = Date.now()
  if (ms !== isoMs) {
    isoMs = ms
    const second = Math.floor(ms / 1000)
    if (second !== isoSecond) {
      isoSecond = second
      isoSecondText = new Date(second * 1000).toISOString().slice(0, 20)
    }
    const milli = ms - second * 1000
    isoText = `${isoSecondText}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`
  }
  return isoText
}

export interface LineBatcher {
  /** Queues one line (a newline is added); the batch goes out at the end of this event-loop turn. */
  write(line: string): void
  /** Writes whatever is queued, now. */
  flush(): void
}

/**
 * Collects lines and hands them to `sink` together: once per event-loop turn (`schedule`, by default
 * setImmediate, which runs after the turn's I/O callbacks: every request answered in that turn), or
 * as soon as `maxBytes` are queued, so memory stays bounded whatever the load.
 */
export function createLineBatcher(
  sink: (chunk: string) => void,
  options: { schedule?: (run: () => void) => void; maxBytes?: number } = {},
): LineBatcher {
  const schedule = options.schedule ?? ((run) => setImmediate(run))
  const maxBytes = options.maxBytes ?? 64 * 1024
  let pending = ''
  let scheduled = false
  const flush = () => {
    scheduled = false
    if (pending === '') return
    const chunk = pending
    pending = ''
    sink(chunk)
  }
  return {
    write(line) {
      pending += `${line}\n`
      if (pending.length >= maxBytes) flush()
      else if (!scheduled) {
        scheduled = true
        schedule(flush)
      }
    },
    flush,
  }
}

/**
 * The default log sink: batched to stderr, and written out synchronously before the process ends,
 * so no line is lost. 'exit' covers a normal end, process.exit(), an uncaught exception and an
 * unhandled rejection; SIGINT and SIGTERM end a process without 'exit', so while nothing else
 * listens for them, the queue is written and the signal raised again with its default action (the
 * exit status stays "killed by the signal"). After 'exit', lines are written at once.
 */
let stderrBatch: LineBatcher | undefined
let exiting = false
function stderrLines(line: string): void {
  if (exiting) {
    process.stderr.write(`${line}\n`)
    return
  }
  if (stderrBatch === undefined) {
    const batch = createLineBatcher((chunk) => process.stderr.write(chunk))
    process.once('exit', () => {
      exiting = true
      batch.flush()
    })
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const onSignal = () => {
        batch.flush()
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal)
      }
      // Only when nobody else handles the signal: a handler there decides how the process ends.
      if (process.listenerCount(signal) === 0) process.once(signal, onSignal)
    }
    stderrBatch = batch
  }
  stderrBatch.write(line)
}
