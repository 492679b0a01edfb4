// Script-tag build only (aliased in vite.config.ts). @uppy/thumbnail-generator asks exifr how far to
// rotate a photo before drawing its thumbnail. Browsers have applied EXIF orientation themselves when
// drawing images since 2020 (CSS `image-orientation: from-image` is the default: Chrome 81, Firefox
// 77, Safari 13.1), and on those browsers exifr answers "no rotation" too; this answers it without
// exifr's ~9 KB gzip.
export const rotation = async () => ({
  deg: 0,
  rad: 0,
  scaleX: 1,
  scaleY: 1,
  dimensionSwapped: false,
  css: false,
  canvas: false,
})
