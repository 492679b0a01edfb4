import { join } from 'node:path'

const UPPY_DIST = join(import.meta.dirname, '..', 'node_modules', 'uppy', 'dist')

/**
 * Stock Uppy, as a site that does not use the widget would run it against Dropgate: Uppy's own CDN
 * bundle (the `uppy` package, 6.0.1, which bundles `@uppy/aws-s3` 6.1.0), unpatched by construction
 * (the workspace's `pnpm.patchedDependencies` patches `@uppy/aws-s3@6.3.1` in node_modules, while this
 * file was built by Uppy's own release), and `pages/stock-uppy.js`, Dashboard + AwsS3 in `signRequest`
 * mode against the signer. The bench's peer (p) and the e2e spec of that compatibility both serve
 * these files.
 */
export const STOCK_UPPY = Object.freeze({
  js: join(UPPY_DIST, 'uppy.min.js'),
  css: join(UPPY_DIST, 'uppy.min.css'),
  page: join(import.meta.dirname, '..', 'pages', 'stock-uppy.js'),
})
