/**
 * The S3 driver's public surface: what the wiring, the CLI (`storage check|setup|sweep`) and the
 * embedded store's S3-shaped answers may use. Everything else under storage/s3/ is the driver's own.
 */
export { createS3Storage, type S3Storage, type S3StorageOptions } from './s3.js'
export type {
  BucketSettingAnswer,
  BucketSettingName,
  S3BucketAdmin,
} from './s3-bucket-admin.js'
export {
  type S3Client,
  type S3Request,
  S3RequestError,
  type S3Response,
  type S3Settings,
} from './s3-client.js'
export { keepFirst } from './s3-guessed-put.js'
export {
  abortIncompleteUpload,
  type IncompleteUpload,
  isOlderThan,
  listIncompleteUploads,
} from './s3-incomplete-uploads.js'
export { escapeXml, xmlElements, xmlRoot, xmlText, xmlTexts } from './s3-xml.js'
