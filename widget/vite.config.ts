import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { type CatalogLocale, LOCALE_CATALOG } from './src/locale-catalog.js'

// One config, two library builds (`vite build` for npm, `vite build --mode iife` for the script tag)
// and the unit tests. The npm build leaves preact and Uppy to the consumer's bundler so an app that
// already ships them pays once; the IIFE has no bundler behind it, so it carries everything.
// @uppy/aws-s3 is the exception: it is bundled in both, because the widget needs it as patched here
// (parts in parallel, see src/uppy-driver.ts) and a consumer's install would bring the unpatched one.
const isDependency = (id: string) =>
  /^(preact|@uppy\/)/.test(id) && !id.startsWith('@uppy/aws-s3') && !id.includes('?')

// The script-tag build swaps two modules Uppy imports but the widget never needs (see each shim), and
// the media reader's loader for one that loads dist/dropgate-media.js (the third build, `--mode
// media`: media-reader.ts as one ES module with nothing to import) from next to the script.
const shim = (name: string) => fileURLToPath(new URL(`./src/bundle-shims/${name}.ts`, import.meta.url))
const IIFE_ALIASES = [
  { find: /^\.\/locale-loader\.js$/, replacement: shim('locale-loader') },
  { find: /^@uppy\/core\/provider-views$/, replacement: shim('provider-views') },
  { find: /^exifr\/dist\/mini\.esm\.mjs$/, replacement: shim('exifr-rotation') },
  { find: /^\.\/media-loader\.js$/, replacement: shim('media-loader') },
  { find: /^\.\/resume-loader\.js$/, replacement: shim('resume-loader') },
]

// The fourth build, `--mode locales`: one ES module per language of the catalog, dist/locales/<tag>.js,
// whose default export is the pack (bundle-shims/locale-loader.ts loads it). Each entry is a virtual
// module that puts @uppy/locales' pack and the widget's strings for that language together.
const LOCALE_ENTRY = 'dropgate-locale:'
const localeEntries = () =>
  Object.fromEntries(Object.keys(LOCALE_CATALOG).map((tag) => [tag, `${LOCALE_ENTRY}${tag}`]))
const localeEntryPlugin = {
  name: 'dropgate-locale-entries',
  // Vite's library mode hands entries over as paths under the root; the resolved id starts with \0
  // (Rollup's mark of a virtual module, which other plugins leave alone).
  resolveId: (id: string) => {
    const at = id.indexOf(LOCALE_ENTRY)
    return at === -1 ? undefined : `\0${id.slice(at)}`
  },
  load(id: string) {
    if (!id.startsWith(`\0${LOCALE_ENTRY}`)) return undefined
    const tag = id.slice(LOCALE_ENTRY.length + 1) as CatalogLocale
    const entry: { uppy: string; strings?: string } = LOCALE_CATALOG[tag]
    const strings =
      entry.strings && fileURLToPath(new URL(`./src/locales/${entry.strings}.ts`, import.meta.url))
    return [
      `import uppy from '@uppy/locales/lib/${entry.uppy}.js'`,
      strings ? `import widget from ${JSON.stringify(strings)}` : 'const widget = undefined',
      'export default widget ? { uppy, widget } : { uppy }',
    ].join('\n')
  },
}

// Workspace packages (@dropgate/core) are read from their sources, listed under this condition first in
// their exports map: no build step between an edit in core/ and this build or its tests.
const SOURCE = '@dropgate/source'

export default defineConfig(({ mode }) => {
  const iife = mode === 'iife'
  const media = mode === 'media'
  const locales = mode === 'locales'
  // `--mode resume`: uppy-resume.ts (reload/crash/offline recovery) as dist/dropgate-resume.js, which
  // imports nothing: its few Uppy and core helpers are bundled into it.
  const resume = mode === 'resume'
  const chunk = media || resume || locales
  return {
    plugins: locales ? [localeEntryPlugin] : [],
    resolve: {
      alias: iife ? IIFE_ALIASES : [],
      conditions: [SOURCE, 'module', 'browser', 'development|production'],
    },
    ssr: { resolve: { conditions: [SOURCE, 'module', 'node', 'development|production'] } },
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    // Uppy and preact read NODE_ENV to drop dev-only warnings; a script tag has no bundler to set it.
    define: iife ? { 'process.env.NODE_ENV': '"production"' } : {},
    build: {
      outDir: 'dist',
      emptyOutDir: !iife && !chunk,
      sourcemap: !iife && !chunk,
      // terser for the script tag: about 2.4 KB gzip smaller than the default minifier's output
      // (measured on this bundle), which is what keeps it within its 100 KB budget.
      minify: iife ? 'terser' : chunk,
      ...(iife && { terserOptions: { compress: { passes: 2 } } }),
      target: 'es2022',
      lib: iife
        ? { entry: 'src/iife.ts', name: 'Dropgate', formats: ['iife'], fileName: () => 'dropgate.iife.js' }
        : media
          ? { entry: 'src/media-reader.ts', formats: ['es'], fileName: () => 'dropgate-media.js' }
          : resume
            ? { entry: 'src/uppy-resume.ts', formats: ['es'], fileName: () => 'dropgate-resume.js' }
            : locales
              ? { entry: localeEntries(), formats: ['es'], fileName: (_, tag) => `locales/${tag}.js` }
              : { entry: 'src/index.ts', formats: ['es'], fileName: () => 'index.js' },
      rolldownOptions:
        iife || media || resume
          ? {}
          : locales
            ? { output: { chunkFileNames: 'locales/shared-[hash].js' } }
            : { external: isDependency, output: { chunkFileNames: '[name].js' } },
    },
    test: {
      include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
      environment: 'node',
    },
  }
})
