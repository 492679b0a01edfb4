// `pnpm --dir bench run profile-top <file.cpuprofile> [filter regexp] [rows]`: where a CPU profile's
// time went, as self time and inclusive time per function (a function counted once per sample).
import { readFileSync } from 'node:fs'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

const [file, filter = '.', rows = '30'] = process.argv.slice(2)
if (!file) {
  console.error('usage: profile-top <file.cpuprofile> [filter regexp] [rows]')
  process.exit(2)
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile
const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const parent = new Map<number, number>()
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
const name = (node: ProfileNode) => {
  const url = node.callFrame.url
    .replace(/^.*node_modules\//, '')
    .replace(/^file:\/\/.*?\/(server|bench)\//, '$1/')
  return `${node.callFrame.functionName || '(anonymous)'} ${url}${url ? `:${node.callFrame.lineNumber + 1}` : ''}`
}

const self = new Map<string, number>()
const inclusive = new Map<string, number>()
let total = 0
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0
  total += dt
  const leaf = byId.get(id)
  if (!leaf) return
  self.set(name(leaf), (self.get(name(leaf)) ?? 0) + dt)
  const seen = new Set<string>()
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const key = name(byId.get(at) as ProfileNode)
    if (seen.has(key)) continue
    seen.add(key)
    inclusive.set(key, (inclusive.get(key) ?? 0) + dt)
  }
})

const pattern = new RegExp(filter)
const show = (title: string, map: Map<string, number>) => {
  console.log(`\n${title} (of ${(total / 1000).toFixed(0)} ms sampled)`)
  for (const [key, us] of [...map]
    .filter(([key]) => pattern.test(key))
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(rows)))
    console.log(
      `${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`,
    )
}
show('self time', self)
show('inclusive time', inclusive)
