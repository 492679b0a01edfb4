// Loads the media reader on demand. The npm build keeps this dynamic import, so a bundler splits
// media-reader.ts into a chunk of its own; the script-tag build swaps this module for
// bundle-shims/media-loader.ts, which loads dist/dropgate-media.js from next to the script.
export const loadMediaReader = (): Promise<typeof import('./media-reader.js')> => import('./media-reader.js')
