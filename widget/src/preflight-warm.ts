/**
 * The routes a dropped file POSTs to on the signer: signing (one or a batch) and confirming, both at
 * one URL for every file (docs/API.md §2.2, §2.3). The multipart routes carry a file id in their
 * URLs, so only a big file's first step could be cleared ahead; it is left to pay its own.
 */
export const WARMED_ROUTES: readonly string[] = ['/api/v1/files', '/api/v1/files/complete']

const warmed = new Set<string>()

/**
 * A page on another origin than the signer's pays a CORS preflight, one round trip, before its first
 * POST to each signer URL; the browser keeps the answer for `Access-Control-Max-Age` (docs/API.md
 * §2.11, 2 hours). Asked as the widget mounts, beside the policy read, those round trips are paid
 * before a file is dropped rather than after: one `OPTIONS` request of the widget's own to each
 * route, which the browser preflights first (OPTIONS is not a CORS-safelisted method), caching the
 * methods and headers the server allows for that URL, POST with Authorization and Content-Type among
 * them. The server answers the request itself as it answers any OPTIONS (`204`, no body, no route
 * run). Same-origin pages pay no preflight and send nothing; each endpoint is cleared once a page,
 * however many uploaders it mounts. A failure costs nothing but the saving: the preflight is then
 * paid at the drop, as without this. Settles once both are answered (or failed); never rejects.
 */
export async function warmPreflights(
  endpoint: string,
  fetchImpl: typeof fetch,
  pageOrigin: string | undefined,
): Promise<void> {
  let origin: string
  try {
    origin = new URL(endpoint).origin
  } catch {
    return
  }
  if (pageOrigin === undefined || origin === pageOrigin || warmed.has(endpoint)) return
  warmed.add(endpoint)
  const sent = await Promise.allSettled(
    // async: a page's own fetch that throws at once is a failed warm-up, not an unhandled rejection.
    WARMED_ROUTES.map(async (route) => fetchImpl(`${endpoint}${route}`, { method: 'OPTIONS' })),
  )
  if (sent.some((outcome) => outcome.status === 'rejected')) warmed.delete(endpoint)
}
