// The <script> build: defines <dropgate-upload> on load, and its exports become `window.Dropgate`
// (the bundler's IIFE `name`), so `Dropgate.createUploader(...)` works without a bundler.
import { createUploader } from './create-uploader.js'
import { defineDropgateUpload } from './element.js'

defineDropgateUpload()

export { parseSize } from './size.js'
export { createUploader, defineDropgateUpload }
