import * as E from './error-groups.js'
import type { QueryParam, RouteDoc } from './route-doc.js'
import { withHeaders, xmlAnswer } from './route-doc.js'

/**
 * The embedded store's routes (docs/API.md §2.8, node/local-store.ts), registered only with
 * DROPGATE_STORAGE=local: `/files/{key}` serves objects, `/store/{key}` is the S3 subset its
 * presigned URLs point at, answered in S3's XML. Described briefly: S3 clients speak S3 to it.
 */

const KEY_NOTE = 'An object key, `uploads/<owner>/<fileId>`: its slashes are part of the path.'
const S3_ERRORS =
  'An S3 error document, `<Error><Code>…</Code><Message>…</Message></Error>` (docs/API.md §2.8 lists each)'

/** A body cut off by the client or by a server that stops (body_idle is S3's RequestTimeout here). */
const BODY_CUT = E.BODY.filter((code) => code !== 'body_idle')

const uploadId: QueryParam = { name: 'uploadId', description: "the store's UploadId of a multipart upload" }

/** S3's error answers of a `/store` request, by status: XML, not the error table's JSON. */
function s3Errors(statuses: readonly number[]): Record<string, ReturnType<typeof xmlAnswer>> {
  return Object.fromEntries(statuses.map((status) => [String(status), xmlAnswer(S3_ERRORS)]))
}

function storeRoute(
  method: RouteDoc['method'],
  summary: string,
  extra: Pick<RouteDoc, 'answers'> & Partial<RouteDoc>,
): RouteDoc {
  return {
    method,
    path: '/store/{key}',
    section: '§2.8',
    summary,
    description: `Only with DROPGATE_STORAGE=local. Every request carries a SigV4 query signature for exactly that request (\`X-Amz-*\` parameters), as the signer's upload URLs do. ${KEY_NOTE}`,
    tag: 'embedded store',
    auth: 'presigned',
    localOnly: true,
    otherErrors: s3Errors([400, 403, 404, 507]),
    // What S3 has no document for goes on to the app's error handler, in the native shape.
    errors: {
      shape: 'native',
      codes: [...(method === 'PUT' || method === 'POST' ? BODY_CUT : []), ...E.ANY],
    },
    ...extra,
  }
}

export function storeRouteDocs(): RouteDoc[] {
  const served = {
    'Accept-Ranges': 'bytes',
    'Content-Range': 'with a range: `bytes <first>-<last>/<size>`',
    'Last-Modified': 'when the object was stored',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': 'sandbox',
  }
  const bytes = { '*/*': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } }
  const files = (['GET', 'HEAD'] as const).map(
    (method): RouteDoc => ({
      method,
      path: '/files/{key}',
      section: '§2.8',
      summary: `An object's bytes${method === 'HEAD' ? ' (headers only)' : ''}, with Range support, for DROPGATE_FILE_TTL`,
      description: `Only with DROPGATE_STORAGE=local. Public. ${KEY_NOTE}`,
      tag: 'embedded store',
      auth: 'public',
      localOnly: true,
      answers: {
        200: { description: 'The whole object', ...withHeaders(served), content: bytes },
        206: {
          description: 'One range of it (`Range: bytes=<first>-<last>`)',
          ...withHeaders(served),
          content: bytes,
        },
      },
      errors: { shape: 'native', codes: ['file_not_found', 'range_not_satisfiable', ...E.ANY] },
    }),
  )
  return [
    ...files,
    storeRoute('PUT', 'PutObject, or UploadPart with `partNumber` and `uploadId`', {
      query: [
        {
          name: 'partNumber',
          description: 'UploadPart: the part number, 1 to 10000',
          schema: { type: 'integer', minimum: 1, maximum: 10000 },
        },
        uploadId,
      ],
      body: {
        required: true,
        content: { '*/*': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } },
      },
      answers: {
        200: { description: 'Stored', ...withHeaders({ ETag: "the object's or the part's ETag" }) },
      },
    }),
    // No CreateMultipartUpload here: the signer creates every upload (`POST /api/v1/uploads`), and
    // `?uploads` answers 400 InvalidRequest (docs/API.md §2.8).
    storeRoute('POST', 'CompleteMultipartUpload', {
      query: [{ ...uploadId, required: true }],
      body: {
        description: "CompleteMultipartUpload's part list",
        content: { 'application/xml': { schema: { type: 'string' } } },
      },
      answers: { 200: xmlAnswer('`CompleteMultipartUploadResult`') },
    }),
    storeRoute('GET', 'ListParts (objects are read at /files/{key})', {
      query: [{ ...uploadId, required: true }],
      answers: { 200: xmlAnswer('`ListPartsResult`') },
    }),
    storeRoute('DELETE', 'AbortMultipartUpload', {
      query: [{ ...uploadId, required: true }],
      answers: { 204: { description: 'Aborted' } },
    }),
  ]
}
