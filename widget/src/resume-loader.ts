// Loads the resume machinery on demand (like media-loader.ts): the npm build keeps this dynamic import,
// so a bundler splits uppy-resume.ts into a chunk of its own; the script-tag build swaps this module
// for bundle-shims/resume-loader.ts, which loads dist/dropgate-resume.js from next to the script.
export const loadResume = (): Promise<typeof import('./uppy-resume.js')> => import('./uppy-resume.js')
