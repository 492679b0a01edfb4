import { join } from 'node:path'

export const ROOT = join(import.meta.dirname, '..', '..')
export const BENCH = join(ROOT, 'bench')
/** Scratch space of a run (git-ignored `.tmp/`): logs, the private Swift, generated files. */
export const TMP = join(BENCH, '.tmp')
export const LOGS = join(TMP, 'logs')
export const MiB = 1024 * 1024
/** Data folders of the servers a run starts (deleted at its end). */
export const DATA = join(TMP, 'data')
