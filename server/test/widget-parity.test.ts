import {
  CreateFileAnswer,
  CreateMultipartAnswer,
  familyOf,
  MEDIA_TYPES,
  PolicyAnswer,
  PresignedStep,
  readWire,
  SignedParts,
  sniff,
  typeFromExtension,
} from '@dropgate/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// The widget's own checks, the modules its uploader runs (not the shared table they read): this test
// is where the two packages meet, so it imports the widget's sources by path rather than through a
// published entry that does not expose them.
import { checkCandidate, checkContent } from '../../widget/src/check-file.js'
import { parsePolicy } from '../../widget/src/policy.js'
import { mergeRules, type Rules } from '../../widget/src/rules.js'
import { formRequest, jsonRequest, makeApp } from './harness.js'
import { disguised, fixture, REAL_MEDIA } from './media.js'

/**
 * One set of rules (issue 18): whatever the real GET /api/v1/policy publishes, the widget's accept and
 * content checks admit exactly what the real server then accepts, and refuse what it refuses. A type,
 * an alias or an extension known to one side only fails here.
 */

let t: Awaited<ReturnType<typeof makeApp>>
let rules: Rules
let published: PolicyAnswer
beforeAll(async () => {
  t = await makeApp()
  const answer = await (await t.app.request('/api/v1/policy')).json()
  const read = readWire(PolicyAnswer, answer.data)
  if (!read.ok) throw new Error(`policy answer off its schema: ${read.problems}`)
  published = read.value
  rules = mergeRules(parsePolicy(answer.data))
})
afterAll(() => t.close())

/** Whether the server presigns a PUT for this name and type (the JSON mode of POST /api/v1/files). */
async function serverAdmits(filename: string, contentType: string): Promise<boolean> {
  const res = await t.app.request('/api/v1/files', jsonRequest({ filename, contentType, fileSize: 1000 }))
  if (res.status === 200) {
    const body = await res.json()
    expect(readWire(CreateFileAnswer, body.data).ok, contentType).toBe(true)
    return true
  }
  expect((await res.json()).msg, contentType).toBe(
    'Only image/, video/, or audio/ content types are accepted',
  )
  return false
}

const widgetAdmits = (name: string, type: string) => checkCandidate({ name, type, size: 1000 }, rules, 0).ok

// Every spelling of the table, and types that are not in it: some media, some never uploaded.
const TABLE = Object.entries(MEDIA_TYPES).flatMap(([type, row]) =>
  [type, ...row.aliases].map((name) => [name, row.extensions[0] ?? ''] as const),
)
const OUTSIDE = [
  ['image/svg+xml', 'svg'],
  ['text/html', 'html'],
  ['application/pdf', 'pdf'],
  ['application/octet-stream', 'bin'],
  ['image/jxl', 'jxl'],
  ['video/x-msvideo', 'avi'],
  ['audio/midi', 'mid'],
  ['image/x-icon', 'ico'],
] as const

describe('the widget and the server accept the same types', () => {
  it.each([...TABLE, ...OUTSIDE])('%s (.%s)', async (type, extension) => {
    const name = `file.${extension}`
    expect(widgetAdmits(name, type), 'widget').toBe(await serverAdmits(name, type))
  })

  it('publishes every type of the table, and the widget knows every extension it publishes', async () => {
    for (const [type] of TABLE) {
      const family = type.slice(0, type.indexOf('/')) as keyof typeof published.types
      expect(published.types[family]?.mimeTypes, type).toContain(type)
    }
    for (const kind of Object.values(published.types)) {
      for (const extension of kind?.extensions ?? []) {
        // A file the browser gives no type: the widget names it from its extension (.mp4 is listed for
        // video and audio; it names video/mp4), and the server takes it as that type.
        const checked = checkCandidate({ name: `x.${extension}`, type: '', size: 1000 }, rules, 0)
        if (!checked.ok) throw new Error(`the widget refuses .${extension}: ${checked.refusal.reason}`)
        const family = familyOf(checked.type)
        expect(family && published.types[family]?.extensions, extension).toContain(extension)
        expect(await serverAdmits(`x.${extension}`, checked.type), extension).toBe(true)
        expect(typeFromExtension(extension), extension).toBe(checked.type)
      }
    }
  })
})

describe('the widget and the server decide the same on the bytes', () => {
  // Each sample declared as a type of every family: the server's verdict on the real upload is what
  // the widget's content check must have said before sending.
  const DECLARED = ['image/png', 'image/jpeg', 'video/mp4', 'video/webm', 'audio/mpeg', 'audio/x-wav']
  const samples: [string, Uint8Array][] = [
    ...REAL_MEDIA.map(([name]) => [name, fixture(name)] as [string, Uint8Array]),
    ...Object.entries(disguised),
  ]

  it.each(samples)('%s', async (name, bytes) => {
    for (const declared of DECLARED) {
      const file = { name: 'sample', type: declared, size: bytes.length }
      const widget = checkContent(file, declared, sniff(bytes), rules)
      const res = await t.app.request('/api/v1/files', formRequest({ bytes, name: 'sample', type: declared }))
      expect(widget.ok, `${name} as ${declared}: server ${res.status}`).toBe(res.status === 200)
    }
  })
})

describe('the answers of an upload in parts read with the schemas the widget reads them with', () => {
  it('POST /api/v1/uploads, then its sign steps', async () => {
    const size = 90 * 1024 * 1024
    const request = { filename: 'big.mp4', contentType: 'video/mp4', fileSize: size }
    const created = await (await t.app.request('/api/v1/uploads', jsonRequest(request))).json()
    const plan = readWire(CreateMultipartAnswer, created.data)
    if (!plan.ok) throw new Error(plan.problems)
    const sign = async (body: Record<string, unknown>) =>
      (
        await (
          await t.app.request(`/api/v1/uploads/${plan.value.fileId}/sign`, {
            ...jsonRequest({ ticket: plan.value.ticket, uploadId: plan.value.uploadId, ...body }),
          })
        ).json()
      ).data
    const parts = readWire(SignedParts, await sign({ step: 'parts', partNumbers: [1, 2] }))
    expect(parts.ok && parts.value.parts.map((part) => part.partNumber)).toEqual([1, 2])
    for (const step of ['list', 'complete', 'abort'])
      expect(readWire(PresignedStep, await sign({ step })).ok, step).toBe(true)
  })
})
