// The script-tag build's media-loader.ts: the media reader is a file of its own, dropgate-media.js
// (`vite build --mode media`), next to dropgate.iife.js, loaded by a dynamic import() of a URL
// resolved against the script's own src (read while the script runs: `currentScript` is null later).
// A classic script may import() a module in every browser the widget supports.
const base = (document.currentScript as HTMLScriptElement | null)?.src || location.href

export const loadMediaReader = (): Promise<typeof import('../media-reader.js')> =>
  import(/* @vite-ignore */ new URL('dropgate-media.js', base).href)

// It is fetched ahead as an uploader mounts, when the uploader's rules may need it
// (media-check.ts `warmMediaReader`): its round trip is off the first file's path to a link, and a
// page that takes no images nor clips under a duration rule never fetches it.
