import { AbstractTokenizer, EndOfStreamError, type IRandomAccessFileInfo } from 'strtok3'

/**
 * A random-access strtok3 tokenizer over a function that reads byte ranges, so music-metadata walks a
 * container by seeking (an MP4's `mdat` is skipped, not read; a `moov` at the end is read from the
 * tail) and nothing reads the whole file. Pure: the I/O is whatever `read` does (a store's ranged GET
 * in usecases/media-check.ts, or a buffer's slice). Reads go in aligned blocks of `blockBytes`, a few
 * kept, so a parser's many small reads are a few requests; past `budgetBytes` fetched it fails with
 * `ReadBudgetExceeded` (a container that wants more than that is called unreadable, never read whole).
 */
export type ReadRange = (start: number, endInclusive: number) => Promise<Uint8Array>

export class ReadBudgetExceeded extends Error {
  constructor(budget: number) {
    super(`reading this file's metadata took more than ${budget} bytes`)
    this.name = 'ReadBudgetExceeded'
  }
}

export interface RangedTokenizerOptions {
  size: number
  mimeType?: string
  blockBytes?: number
  budgetBytes?: number
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
  private readonly blocks = new Map<number, Uint8Array>()
  private readonly blockBytes: number
  private readonly budgetBytes: number
  private readonly randomAccess: boolean

  constructor(
    private readonly read: ReadRange,
    options: RangedTokenizerOptions,
  ) {
    super()
    this.fileInfo = { size: options.size, ...(options.mimeType && { mimeType: options.mimeType }) }
    this.blockBytes = options.blockBytes ?? 64 * 1024
    this.budgetBytes = options.budgetBytes ?? 4 * 1024 * 1024
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
    const start = index * this.blockBytes
    const end = Math.min(this.fileInfo.size, start + this.blockBytes) - 1
    if (this.fetched + (end - start + 1) > this.budgetBytes) throw new ReadBudgetExceeded(this.budgetBytes)
    const bytes = await this.read(start, end)
    this.fetched += bytes.length
    if (this.blocks.size >= 8) this.blocks.delete(this.blocks.keys().next().value as number)
    this.blocks.set(index, bytes)
    return bytes
  }
}
