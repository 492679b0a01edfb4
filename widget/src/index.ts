// @dropgate/widget — the npm entry. `createUploader` renders into an element you own;
// `defineDropgateUpload()` registers the <dropgate-upload> element (the script-tag build does it for you).
export type { RefusalReason } from './check-file.js'
export type { CompleteDetail, Uploader } from './create-uploader.js'
export { createUploader } from './create-uploader.js'
export type { DropgateElementEventMap, DropgateUploadElement } from './element.js'
export { defineDropgateUpload } from './element.js'
export type { DropgateEventMap, DropgateEventName, UploadError, UploadedFile } from './events.js'
export { EVENT_NAMES } from './events.js'
export type { Locale } from './i18n.js'
export type { Size, Theme, UploaderOptions } from './options.js'
export type { ServerPolicy } from './policy.js'
export type { MultipartSigner, MultipartStep, SignedRequest, SignRequestInput } from './sign-request.js'
export { parseSize } from './size.js'
