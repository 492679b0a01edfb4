import { formatRate, type Row } from './report.ts'

/**
 * Part 4's big-file rows. Each uploader's time is click → link; the widget's and stock Uppy's also
 * split at the answer of their last part PUT (page-upload.ts): bytes (click → last part stored) and
 * confirmation (→ link: CompleteMultipartUpload, the signer's check and promotion). Chromium alone
 * sends the same bytes in the same shape and confirms nothing, so its whole time is bytes. The
 * embedded store promotes by rename, so its rows show the browser side without Swift's copies.
 */

/** One uploader's medians, seconds. */
export interface Split {
  seconds: number
  bytesSeconds: number
}

export interface StoreFigures {
  widget: Split
  /** Chromium alone: bytes only */
  xhrSeconds: number
  stock: Split
}

const rate = (mib: number, seconds: number) => formatRate(mib / seconds)
const split = (s: Split) =>
  `bytes ${s.bytesSeconds.toFixed(2)} s + confirmation ${(s.seconds - s.bytesSeconds).toFixed(2)} s`

/** ours/alone and ours/stock, click → link (the goals), then the bytes alone against both. */
function storeRows(mib: number, store: string, shape: string, f: StoreFigures, stockLabel: string): Row[] {
  const widget = mib / f.widget.seconds
  const xhr = mib / f.xhrSeconds
  const stock = mib / f.stock.seconds
  const widgetBytes = mib / f.widget.bytesSeconds
  const stockBytes = mib / f.stock.bytesSeconds
  const figure = `Chromium, widget, ${mib} MiB (${store})`
  return [
    {
      part: '4 browser',
      figure: `${figure}, click → link`,
      value: `${formatRate(widget)} (${split(f.widget)})`,
      peer: `Chromium alone, no widget: XMLHttpRequest, ${shape}, nothing confirmed`,
      peerValue: formatRate(xhr),
      ratio: widget / xhr,
      ratioLabel: 'ours/alone',
      goal: '≥ 0.95',
      met: widget / xhr >= 0.95,
    },
    {
      part: '4 browser',
      figure: `${figure}, click → link`,
      value: formatRate(widget),
      peer: `${stockLabel} (${split(f.stock)})`,
      peerValue: formatRate(stock),
      ratio: widget / stock,
      ratioLabel: 'ours/stock',
      goal: '≥ 1.5',
      met: Number.isNaN(stock) ? null : widget / stock >= 1.5,
    },
    {
      part: '4 browser',
      figure: `${figure}, bytes only: click → last part stored`,
      value: rate(mib, f.widget.bytesSeconds),
      peer: 'Chromium alone, as above',
      peerValue: formatRate(xhr),
      ratio: widgetBytes / xhr,
      ratioLabel: 'bytes ours/alone',
      goal: '(context)',
      met: null,
    },
    {
      part: '4 browser',
      figure: `${figure}, bytes only: click → last part stored`,
      value: rate(mib, f.widget.bytesSeconds),
      peer: `${stockLabel}, click → last part stored`,
      peerValue: formatRate(stockBytes),
      ratio: widgetBytes / stockBytes,
      ratioLabel: 'bytes ours/stock',
      goal: '(context)',
      met: null,
    },
  ]
}

export interface BigFileFigures {
  mib: number
  shape: string
  curlSeconds: number
  s3: StoreFigures
  /** The embedded store, when it ran. */
  local?: StoreFigures
}

const STOCK = 'stock Uppy: Dashboard + @uppy/aws-s3 6.1.0 (unpatched), signRequest, same signer'

export function bigFileRows({ mib, shape, curlSeconds, s3, local }: BigFileFigures): Row[] {
  const widget = mib / s3.widget.seconds
  const curl = mib / curlSeconds
  const xhr = mib / s3.xhrSeconds
  const figure = `Chromium, widget, ${mib} MiB (s3 multipart → Swift)`
  const rows: Row[] = [
    {
      part: '4 browser',
      figure,
      value: formatRate(widget),
      peer: 'curl -T to a presigned PUT (Swift)',
      peerValue: formatRate(curl),
      ratio: widget / curl,
      ratioLabel: 'ours/curl',
      goal: '≥ 0.9',
      met: widget / curl >= 0.9,
    },
    ...storeRows(mib, 's3 multipart → Swift', shape, s3, STOCK),
    {
      part: '4 browser',
      figure: `Chromium alone: the ceiling of ours/curl`,
      value: formatRate(xhr),
      peer: 'curl -T to a presigned PUT (Swift)',
      peerValue: formatRate(curl),
      ratio: xhr / curl,
      ratioLabel: 'alone/curl',
      goal: '(context)',
      met: null,
    },
  ]
  if (local)
    rows.push(...storeRows(mib, 'embedded store, multipart; promoted by rename', shape, local, STOCK))
  return rows
}

/** BENCH_WIDGET_B: that build against this one, click → link and bytes alone, same rounds (medians). */
export function widgetBRows(mib: number, store: string, a: Split, b: Split): Row[] {
  const figure = `Chromium, widget build B (BENCH_WIDGET_B), ${mib} MiB (${store})`
  return [
    {
      part: '4 browser',
      figure: `${figure}, click → link`,
      value: `${rate(mib, b.seconds)} (${split(b)})`,
      peer: `this build's widget (${split(a)})`,
      peerValue: rate(mib, a.seconds),
      ratio: a.seconds / b.seconds,
      ratioLabel: 'B/A',
      goal: '(context)',
      met: null,
      note: `bytes B/A = ${(a.bytesSeconds / b.bytesSeconds).toFixed(2)}`,
    },
  ]
}
