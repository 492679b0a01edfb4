/**
 * The embedded store's public surface: what the Node entry, the embedded store's routes
 * (node/local-store.ts) and the CLI may use. Everything else under storage/local/ is the driver's own.
 */
export {
  createLocalStorage,
  type LocalPutInput,
  type LocalStorage,
  type LocalStorageOptions,
  ObjectExistsError,
  type WrittenObject,
} from './local.js'
export { type LocalMultipart, MultipartError, type PartInfo } from './local-multipart.js'
export {
  type LocalLeftover,
  localLeftovers,
  STALE_UPLOAD_MS,
  startSweeper,
  sweepLocalStore,
} from './local-sweeper.js'
