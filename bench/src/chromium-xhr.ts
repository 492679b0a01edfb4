/** What runs the measurement in the page: a Playwright page (Chromium) or a puppeteer-core one (Firefox). */
export interface EvaluatesInPage {
  evaluate(fn: (arg: XhrArgs) => Promise<number>, arg: XhrArgs): Promise<number>
}

interface XhrArgs {
  urls: string[]
  part: number
  parallel: number
  progress: boolean
}

/**
 * A browser's own ceiling (Chromium's, Firefox's) for what the widget does, with no widget: the file chosen in the page's first
 * `<input type=file>` PUT to presigned URLs in `partBytes` slices with XMLHttpRequest (as Uppy sends
 * parts), `parallel` at a time; `progress` adds an upload progress listener, as Uppy has. Seconds.
 */
export async function xhrParts(
  page: EvaluatesInPage,
  urls: readonly string[],
  partBytes: number,
  parallel: number,
  progress = false,
): Promise<number> {
  const ms = await page.evaluate(
    async ({ urls, part, parallel, progress }) => {
      // No named functions in here: tsx's transform would wrap them in a helper the page lacks.
      const file = (document.querySelector('input[type=file]') as HTMLInputElement).files?.[0] as File
      const started = performance.now()
      let next = 0
      await Promise.all(
        Array.from({ length: parallel }, async () => {
          for (let i = next++; i < urls.length; i = next++)
            await new Promise<void>((resolve, reject) => {
              const xhr = new XMLHttpRequest()
              xhr.open('PUT', urls[i] as string)
              xhr.setRequestHeader('content-type', 'video/mp4')
              xhr.onload = () => (xhr.status === 200 ? resolve() : reject(new Error(`PUT ${xhr.status}`)))
              xhr.onerror = () => reject(new Error('PUT failed'))
              if (progress) xhr.upload.onprogress = () => {}
              xhr.send(file.slice(i * part, (i + 1) * part))
            })
        }),
      )
      return performance.now() - started
    },
    { urls: [...urls], part: partBytes, parallel, progress },
  )
  return ms / 1000
}
