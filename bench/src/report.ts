/** One line of the table: a figure of ours, the peer it is held against in the same run, the goal. */
export interface Row {
  part: string
  figure: string
  value: string
  peer: string
  peerValue: string
  /** ours / peer (or peer / ours where the goal says so), as `ratioLabel` names it */
  ratio: number | null
  ratioLabel: string
  goal: string
  met: boolean | null
  note?: string
}

export interface PartResult {
  part: string
  rows: Row[]
  /** Raw measurements for results.json. */
  data: Record<string, unknown>
  error?: string
}

const fmt = (n: number, digits = 2) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

export const formatRatio = (r: number | null) => (r === null ? '—' : r >= 10 ? fmt(r, 1) : fmt(r, 2))
export const formatInt = (n: number) => Math.round(n).toLocaleString('en-US')
export const formatMiB = (bytes: number) => `${fmt(bytes / 1024 / 1024, 1)} MiB`
export const formatKB = (bytes: number) => `${fmt(bytes / 1000, 1)} KB`
export const formatRate = (mibPerS: number) => `${fmt(mibPerS, 1)} MiB/s`

const metLabel = (met: boolean | null) => (met === null ? 'n/a' : met ? 'yes' : 'NO')

/** A Markdown table: readable in a terminal, pasteable into the README as is. */
export function renderTable(rows: readonly Row[]): string {
  const header = ['part', 'figure', 'value', 'peer', 'peer value', 'ratio', 'goal', 'met?']
  const lines = rows.map((row) => [
    row.part,
    row.figure,
    row.value,
    row.peer,
    row.peerValue,
    row.ratio === null ? '—' : `${row.ratioLabel} = ${formatRatio(row.ratio)}`,
    row.goal,
    metLabel(row.met) + (row.note ? ` (${row.note})` : ''),
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => (line[i] as string).length)))
  const render = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] as number)).join(' | ')} |`
  return [render(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(render)].join(
    '\n',
  )
}
