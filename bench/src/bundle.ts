import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { BENCH, ROOT } from './paths.ts'
import { formatKB, type PartResult, type Row } from './report.ts'

/**
 * Part 3, bundle size: what a page downloads for the script-tag embed, compressed as a CDN would
 * serve it (gzip level 9, brotli quality 11), against the CDN bundles of two peers from npm:
 * Uppy's (`uppy`: dist/uppy.min.js + dist/uppy.min.css) and Uploadcare's File Uploader
 * (`@uploadcare/file-uploader`: web/file-uploader.min.js + web/uc-file-uploader-regular.min.css, the
 * pair its README loads from a CDN). Ours is one file: widget/dist/dropgate.iife.js carries its CSS.
 * Several files are compressed one by one (one download each) and summed.
 */

interface Bundle {
  name: string
  files: string[]
  raw: number
  gzip: number
  brotli: number
}

const WIDGET_DIST = join(ROOT, 'widget', 'dist', 'dropgate.iife.js')

export async function bundleBench(): Promise<PartResult> {
  await ensureWidgetBuild()
  // Each package's own folder (pnpm links bench's dependencies here); not every one exports package.json.
  const pkgDir = (name: string) => join(BENCH, 'node_modules', name)
  const uppy = pkgDir('uppy')
  const uploadcare = pkgDir('@uploadcare/file-uploader')
  const version = (dir: string) =>
    (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version

  const ours = await measure('Dropgate dropgate.iife.js (JS+CSS)', [WIDGET_DIST])
  const uppyBundle = await measure(`Uppy ${version(uppy)} CDN bundle (uppy.min.js + uppy.min.css)`, [
    join(uppy, 'dist', 'uppy.min.js'),
    join(uppy, 'dist', 'uppy.min.css'),
  ])
  const ucBundle = await measure(
    `Uploadcare File Uploader ${version(uploadcare)} (file-uploader.min.js + uc-file-uploader-regular.min.css)`,
    [
      join(uploadcare, 'web', 'file-uploader.min.js'),
      join(uploadcare, 'web', 'uc-file-uploader-regular.min.css'),
    ],
  )
  for (const b of [ours, uppyBundle, ucBundle])
    console.log(`  ${b.name}: ${formatKB(b.raw)} raw, ${formatKB(b.gzip)} gzip, ${formatKB(b.brotli)} brotli`)

  const rows: Row[] = []
  for (const codec of ['gzip', 'brotli'] as const) {
    const vsUppy = ours[codec] / uppyBundle[codec]
    rows.push({
      part: '3 bundle',
      figure: `script-tag file, ${codec}`,
      value: formatKB(ours[codec]),
      peer: uppyBundle.name,
      peerValue: formatKB(uppyBundle[codec]),
      ratio: vsUppy,
      ratioLabel: 'ours/Uppy',
      goal: '≤ 0.5',
      met: vsUppy <= 0.5,
    })
    const vsUc = ours[codec] / ucBundle[codec]
    rows.push({
      part: '3 bundle',
      figure: `script-tag file, ${codec}`,
      value: formatKB(ours[codec]),
      peer: ucBundle.name,
      peerValue: formatKB(ucBundle[codec]),
      ratio: vsUc,
      ratioLabel: 'ours/Uploadcare',
      goal: '< 1',
      met: vsUc < 1,
    })
  }
  return {
    part: 'bundle',
    rows,
    data: {
      bundles: [ours, uppyBundle, ucBundle].map((b) => ({
        ...b,
        files: b.files.map((f) => relative(ROOT, f)),
      })),
    },
  }
}

async function measure(name: string, files: string[]): Promise<Bundle> {
  const bundle: Bundle = { name, files, raw: 0, gzip: 0, brotli: 0 }
  for (const file of files) {
    const bytes = await readFile(file)
    bundle.raw += bytes.length
    bundle.gzip += gzipSync(bytes, { level: 9 }).length
    bundle.brotli += brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length
  }
  return bundle
}

/** The widget's script-tag build, rebuilt when missing or older than its sources. */
export async function ensureWidgetBuild(): Promise<void> {
  const built = await stat(WIDGET_DIST).catch(() => null)
  if (built && built.mtimeMs >= (await newestSource(join(ROOT, 'widget', 'src')))) return
  console.log('  building the widget (pnpm --dir widget build)…')
  execFileSync('pnpm', ['--dir', 'widget', 'build'], { cwd: ROOT, stdio: 'inherit' })
}

async function newestSource(dir: string): Promise<number> {
  let newest = 0
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue
    const { mtimeMs } = await stat(join(entry.parentPath, entry.name))
    newest = Math.max(newest, mtimeMs)
  }
  return newest
}
