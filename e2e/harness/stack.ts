// What the global setup starts, as the tests see it. Passed from the setup to the test workers in
// one environment variable (Playwright starts the workers after the setup, with its environment).

export const STORE_NAMES = ['local', 's3'] as const
export type Store = (typeof STORE_NAMES)[number]

/** The stores to test: both by default; `DROPGATE_E2E_STORES=local` runs one (no Swift needed). */
export function selectedStores(): Store[] {
  const wanted = (process.env.DROPGATE_E2E_STORES ?? STORE_NAMES.join(','))
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
  const unknown = wanted.filter((name) => !(STORE_NAMES as readonly string[]).includes(name))
  if (unknown.length > 0) throw new Error(`DROPGATE_E2E_STORES: unknown store ${unknown.join(', ')}`)
  return wanted as Store[]
}

/** One Dropgate server on one store, and the demo built against it. */
export interface StoreStack {
  readonly store: Store
  /** The demo page's origin, e.g. http://127.0.0.1:41234 */
  readonly demo: string
  /** The signer (the Dropgate server) */
  readonly server: string
  /** Where upload URLs point: the server's /store/ on the local store, the bucket on S3 */
  readonly uploadBase: string
  /** The static page with only the script tag and the element, on its own origin */
  readonly staticPage: string
  /** The same origin's page with stock Uppy (Dashboard + unpatched @uppy/aws-s3) and no widget */
  readonly stockUppyPage: string
  readonly publishableKey: string
  /** A secret API key of the server, to mint upload tokens as a site's backend does */
  readonly secretKey: string
}

export interface BigFile {
  readonly path: string
  readonly size: number
  readonly sha256: string
}

export interface Stack {
  /** The harness's control API (global-setup.ts `serveControl`): spare servers to crash and restart */
  readonly control: string
  readonly stores: Partial<Record<Store, StoreStack>>
  /** A 120 MiB MP4 (real header, pseudo-random payload): above the 100 MiB multipart threshold */
  readonly bigVideo: BigFile
}

export const STACK_ENV = 'DROPGATE_E2E_STACK'

export function readStack(): Stack {
  const raw = process.env[STACK_ENV]
  if (!raw) throw new Error(`${STACK_ENV} is not set: the global setup (harness/global-setup.ts) did not run`)
  return JSON.parse(raw) as Stack
}
