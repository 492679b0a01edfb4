import { formatBytes, formatDuration, h } from './format.js'

interface KindPolicy {
  readonly maxBytes: number
}
interface Policy {
  readonly types: Readonly<Record<string, KindPolicy>>
  readonly fileTtl?: number
}

/**
 * The strip under the title: which server this page talks to and the limits it
 * enforces — read from the server itself (`GET /api/v1/policy`), so it is never out of date.
 */
export async function showServerFacts(endpoint: string, list: HTMLElement): Promise<void> {
  const dot = list.querySelector<HTMLElement>('#server-dot')
  const status = list.querySelector<HTMLElement>('#server-status')
  const host = new URL(endpoint).host
  try {
    const policy = await readData<Policy>(`${endpoint}/api/v1/policy`)
    dot?.setAttribute('data-state', 'ok')
    status?.replaceChildren('Connected to ', h('code', {}, host))
    const items: (Node | string)[][] = []
    const caps = Object.entries(policy.types).map(
      ([kind, { maxBytes }]) => `${kind} ≤ ${formatBytes(maxBytes)}`,
    )
    if (caps.length > 0) items.push([`Caps: ${caps.join(' · ')}`])
    if (policy.fileTtl) items.push([`Links live ${formatDuration(policy.fileTtl)}`])
    list.append(...items.map((children) => h('li', {}, ...children)))
  } catch (error) {
    dot?.setAttribute('data-state', 'down')
    status?.replaceChildren(
      'Cannot reach the server at ',
      h('code', {}, endpoint),
      ' — start it with ',
      h('code', {}, 'pnpm dev'),
      ' at the repository root.',
    )
    console.warn('Dropgate demo: server unreachable', error)
  }
}

async function readData<T>(url: string): Promise<T> {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
  const body = (await response.json()) as { data?: T }
  if (!body.data) throw new Error(`${url}: no data in the answer`)
  return body.data
}
