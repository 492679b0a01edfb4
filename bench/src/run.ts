// `pnpm bench`: every part, one after the other, each figure against its peer measured in the same
// run; prints one table and writes bench/results.json. `pnpm bench presign bundle` runs only those.
import { execFileSync } from 'node:child_process'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { browserBench } from './browser.ts'
import { bundleBench } from './bundle.ts'
import { BENCH, DATA, LOGS, ROOT } from './paths.ts'
import { presignBench } from './presign.ts'
import { flushDisk, freePort, killStarted } from './processes.ts'
import { formatRatio, type PartResult, type Row, renderTable } from './report.ts'
import { streamingBench } from './streaming.ts'
import { type SwiftStore, startSwift } from './swift.ts'
import { workersBench } from './workers.ts'

const PARTS = ['presign', 'streaming', 'bundle', 'browser', 'workers'] as const
type Part = (typeof PARTS)[number]

const wanted = process.argv.slice(2).filter((arg) => arg !== '--')
const unknown = wanted.filter((arg) => !(PARTS as readonly string[]).includes(arg))
if (unknown.length > 0) {
  console.error(`unknown part ${unknown.join(', ')}; parts: ${PARTS.join(', ')}`)
  process.exit(2)
}
const selected: Part[] = wanted.length > 0 ? (wanted as Part[]) : [...PARTS]

let swift: SwiftStore | undefined
const cleanup = async () => {
  killStarted()
  await swift?.stop()
  await rm(DATA, { recursive: true, force: true })
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    console.error(`\n${signal}: stopping what this run started`)
    void cleanup().finally(() => process.exit(130))
  })

async function main(): Promise<number> {
  const started = Date.now()
  await mkdir(LOGS, { recursive: true })
  const results: PartResult[] = []
  const needsStore = selected.some((part) => part !== 'bundle')
  // The browser page's origin must be on the store's CORS allow-list, so it is fixed before Swift starts.
  const pagePort = await freePort()
  const pageOrigin = `http://127.0.0.1:${pagePort}`
  try {
    if (needsStore) {
      console.log('Starting a private Swift (S3 API) for this run…')
      swift = await startSwift([pageOrigin])
    }
    const s3 = swift?.env ?? {}
    for (const part of selected) {
      console.log(`\n== ${part} ==`)
      const partStarted = Date.now()
      try {
        await flushDisk() // nothing of the previous part still being written out
        if (part === 'presign')
          results.push(await presignBench({ connections: 50, seconds: 10, warmupSeconds: 3, rounds: 3, s3 }))
        if (part === 'streaming')
          results.push(
            await streamingBench({
              s3,
              storePids: () => swift?.pids() ?? Promise.resolve([]),
              uploads: 10,
              size: 100 * 1024 * 1024,
              rounds: 2,
            }),
          )
        if (part === 'bundle') results.push(await bundleBench())
        if (part === 'workers')
          results.push(await workersBench({ connections: 50, seconds: 10, warmupSeconds: 3, s3 }))
        if (part === 'browser')
          results.push(
            await browserBench({
              s3,
              pagePort,
              size: 256 * 1024 * 1024,
              // BENCH_BROWSER_ROUNDS=1 for a quick look; the table's figures are medians of 3.
              rounds: Number(process.env.BENCH_BROWSER_ROUNDS ?? 3),
              linkRuns: Number(process.env.BENCH_LINK_RUNS ?? process.env.BENCH_BROWSER_ROUNDS ?? 3),
            }),
          )
      } catch (error) {
        console.error(`  ${part} failed: ${(error as Error).stack ?? error}`)
        results.push({ part, rows: [], data: {}, error: String((error as Error).message ?? error) })
      }
      console.log(`  (${((Date.now() - partStarted) / 1000).toFixed(0)} s)`)
    }
  } finally {
    await cleanup()
  }

  const rows: Row[] = results.flatMap((result) => result.rows)
  console.log(`\n${renderTable(rows)}`)
  for (const result of results) if (result.error) console.log(`\n${result.part} FAILED: ${result.error}`)
  const unmet = rows.filter((row) => row.met === false)
  if (unmet.length > 0) {
    console.log('\nGoals not met:')
    for (const row of unmet)
      console.log(
        `  ${row.part}: ${row.figure}: ${row.ratioLabel} = ${formatRatio(row.ratio)}, goal ${row.goal}`,
      )
  }
  const seconds = (Date.now() - started) / 1000
  console.log(`\nTotal ${seconds.toFixed(0)} s. Written: bench/results.json`)

  await writeFile(
    join(BENCH, 'results.json'),
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        commit: gitCommit(),
        machine: {
          cpus: cpus().length,
          cpu: cpus()[0]?.model,
          memoryGiB: Math.round(totalmem() / 2 ** 30),
          node: process.version,
        },
        seconds,
        rows,
        parts: results,
      },
      null,
      2,
    )}\n`,
  )
  return results.some((result) => result.error) ? 1 : 0
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim()
  } catch {
    return null
  }
}

process.exitCode = await main()
