import { AbstractTokenizer, EndOfStreamError, type IRandomAccessFileInfo } from 'strtok3'

/**
 * A random-access strtok3 tokenizer over a function that reads byte ranges, so music-metadata walks a
 * container by seeking (an MP4's `mdat` is skipped, not read; a `moov` at the end is read from the
 * tail) and nothing reads the whole file. Pure: the I/O is whatever `read` does (a store's ranged GET
 * in usecases/media-check.ts, or a buffer's slice). Reads go in aligned blocks of `blockBytes`, kept,
 * so a parser's many small reads are a few requests, and a walk front to back fetches twice as many
 * blocks each read (a 600 KB `moov` is 4 reads, not 10). Three bounds, each failing with
 * `ReadBudgetExceeded` (a container that wants more is called unreadable, never read whole): bytes
 * fetched (`budgetBytes`), ranged reads (`maxReads`: each is a store request), and the parser's calls
 * (`maxCalls`: what its CPU time grows with; a crafted MP4 of 8-byte boxes would otherwise cost half a
 * million box headers within 4 MiB).
 */
export type ReadRange = (start: number, endInclusive: number) => Promise<Uint8Array>

export class ReadBudgetExceeded extends Error {
  constructor(budget: string) {
    super(`reading this file's metadata took more than ${budget}`)
    this.name = 'ReadBudgetExceeded'
  }
}

export interface RangedTokenizerOptions {
  size: number
  mimeType?: string
  blockBytes?: number
  budgetBytes?: number
  maxReads?: number
  maxCalls?: number
  /**
   * false: announce a stream (music-metadata then reads front to back and skips its look at the
   * file's tail for ID3v1/APE tags): for a head that holds only the first bytes.
   */
  randomAccess?: boolean
}

export class RangedTokenizer extends AbstractTokenizer {
  fileInfo: IRandomAccessFileInfo
  /** Bytes fetched through `read` so far. */
  fetched = 0
  /** Calls of `read` so far. */
  reads = 0
  private calls = 0
  private readonly blocks = new Map<number, Uint8Array>()
  private readonly blockBytes: number
  private readonly budgetBytes: number
  private readonly maxReads: number
  private readonly maxCalls: number
  private readonly randomAccess: boolean
  /** Where the last read ended (a block index) and how many blocks it fetched. */
  private nextBlock = -1
  private run = 0

  constructor(
    private readonly read: ReadRange,
    options: RangedTokenizerOptions,
  ) {
    super()
    this.fileInfo = { size: options.size, ...(options.mimeType && { mimeType: options.mimeType }) }
    this.blockBytes = options.blockBytes ?? 64 * 1024
    this.budgetBytes = options.budgetBytes ?? 4 * 1024 * 1024
    this.maxReads = options.maxReads ?? 8
    this.maxCalls = options.maxCalls ?? 10_000
    this.randomAccess = options.randomAccess ?? true
  }

  supportsRandomAccess(): boolean {
    return this.randomAccess
  }

  setPosition(position: number): void {
    this.position = position
  }

  async readBuffer(
    target: Uint8Array,
    options?: { position?: number; length?: number; mayBeLess?: boolean },
  ) {
    const position = options?.position ?? this.position
    const read = await this.peekBuffer(target, { ...options, position })
    this.position = position + read
    return read
  }

  async peekBuffer(
    target: Uint8Array,
    options?: { position?: number; length?: number; mayBeLess?: boolean },
  ) {
    const position = options?.position ?? this.position
    const wanted = options?.length ?? target.length
    if (++this.calls > this.maxCalls) throw new ReadBudgetExceeded(`${this.maxCalls} parser reads`)
    const available = Math.max(0, Math.min(wanted, this.fileInfo.size - position))
    if (available < wanted && !options?.mayBeLess) throw new EndOfStreamError()
    let done = 0
    while (done < available) {
      const at = position + done
      const block = await this.block(Math.floor(at / this.blockBytes))
      const offset = at % this.blockBytes
      const take = Math.min(available - done, block.length - offset)
      if (take <= 0) throw new EndOfStreamError() // the object is shorter than it said
      target.set(block.subarray(offset, offset + take), done)
      done += take
    }
    return done
  }

  private async block(index: number): Promise<Uint8Array> {
    const cached = this.blocks.get(index)
    if (cached) return cached
    if (this.reads >= this.maxReads) throw new ReadBudgetExceeded(`${this.maxReads} ranged reads`)
    const left = Math.floor((this.budgetBytes - this.fetched) / this.blockBytes)
    const wanted = index === this.nextBlock ? Math.min(this.run * 2, MAX_RUN_BLOCKS) : 1
    const run = Math.min(wanted, left)
    const start = index * this.blockBytes
    const end = Math.min(this.fileInfo.size, start + run * this.blockBytes) - 1
    if (run < 1) throw new ReadBudgetExceeded(`${this.budgetBytes} bytes`)
    const bytes = await this.read(start, end)
    this.reads++
    this.fetched += bytes.length
    this.nextBlock = index + run
    this.run = run
    for (let i = 0; i * this.blockBytes < bytes.length; i++) {
      this.blocks.set(index + i, bytes.subarray(i * this.blockBytes, (i + 1) * this.blockBytes))
      if (this.blocks.size > KEPT_BLOCKS) this.blocks.delete(this.blocks.keys().next().value as number)
    }
    return this.blocks.get(index) ?? new Uint8Array()
  }
}

/** A read front to back grows to at most this many blocks (1 MiB of 64 KiB blocks). */
const MAX_RUN_BLOCKS = 16
/** Blocks kept for the parser's reads back and forth: 2 MiB of 64 KiB blocks. */
const KEPT_BLOCKS = 32
