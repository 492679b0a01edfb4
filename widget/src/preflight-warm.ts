/**
 * The routes a dropped file POSTs to on the signer: signing (one or a batch) and confirming, both at
 * one URL for every file (docs/API.md §2.2, §2.3). The multipart routes carry a file id in their
 * URLs, so only a big file's first step could be cleared ahead; it is left to pay its own.
 */
export const WARMED_ROUTES: readonly string[] = ['/api/v1/files', '/api/v1/files/complete']

/**
 * How long a warm-up counts: Chromium keeps a preflight at most 2 hours whatever
 * `Access-Control-Max-Age` says (Firefox 24 hours), and the server asks 2 hours (docs/API.md
 * §2.11). Five minutes short of that, so that a warm-up near the edge is not trusted for a drop
 * that comes after the browser dropped it.
 */
export const WARM_FOR_MS = (120 - 5) * 60_000

/** When each endpoint was last warmed, by the clock passed in. */
const warmedAt = new Map<string, number>()

/**
 * A page on another origin than the signer's pays a CORS preflight, one round trip, before its first
 * POST to each signer URL; the browser keeps the answer for `Access-Control-Max-Age` (docs/API.md
 * §2.11, 2 hours). Asked as the widget mounts, beside the policy read, those round trips are paid
 * before a file is dropped rather than after: one `OPTIONS` request of the widget's own to each
 * route, which the browser preflights first (OPTIONS is not a CORS-safelisted method), caching the
 * methods and headers the server allows for that URL, POST with Authorization and Content-Type among
 * them. The server answers the request itself as it answers any OPTIONS (`204`, no body, no route
 * run). Same-origin pages pay no preflight and send nothing; each endpoint is cleared once per
 * `WARM_FOR_MS`, however many uploaders a page mounts and however often this is called (on each sign
 * that a person is about to drop: `rewarmOnIntent`). A failure costs nothing but the saving: the
 * preflight is then paid at the drop, as without this. Settles once both are answered (or failed);
 * never rejects.
 */
export async function warmPreflights(
  endpoint: string,
  fetchImpl: typeof fetch,
  pageOrigin: string | undefined,
  now: () => number = Date.now,
): Promise<void> {
  let origin: string
  try {
    origin = new URL(endpoint).origin
  } catch {
    return
  }
  if (pageOrigin === undefined || origin === pageOrigin) return
  const last = warmedAt.get(endpoint)
  const at = now()
  if (last !== undefined && at - last < WARM_FOR_MS) return
  warmedAt.set(endpoint, at)
  const sent = await Promise.allSettled(
    // async: a page's own fetch that throws at once is a failed warm-up, not an unhandled rejection.
    WARMED_ROUTES.map(async (route) => fetchImpl(`${endpoint}${route}`, { method: 'OPTIONS' })),
  )
  if (sent.some((outcome) => outcome.status === 'rejected') && warmedAt.get(endpoint) === at)
    warmedAt.delete(endpoint)
}

/**
 * A page left open past the browser's preflight cache (an SPA tab kept all day) would pay the
 * preflight at the drop again: so `warm` runs again at each sign that a drop may come (the pointer
 * over the widget, focus inside it, files dragged into the window, which is also how a `pageDrop`
 * starts), where a person's next move takes longer than the one round trip it costs. `warm` decides
 * itself whether anything is sent (at most once per `WARM_FOR_MS`). Answers a function that stops.
 */
export function rewarmOnIntent(root: HTMLElement, warm: () => void): () => void {
  const doc = root.ownerDocument
  root.addEventListener('pointerenter', warm)
  root.addEventListener('focusin', warm)
  doc.addEventListener('dragenter', warm)
  return () => {
    root.removeEventListener('pointerenter', warm)
    root.removeEventListener('focusin', warm)
    doc.removeEventListener('dragenter', warm)
  }
}
