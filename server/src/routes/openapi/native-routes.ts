import {
  CompleteBatchAnswer,
  CompleteBatchRequest,
  CreateFileAnswer,
  CreateFilesBatchAnswer,
  CreateFilesBatchRequest,
  CreateMultipartAnswer,
  PolicyAnswer,
  PresignedStep,
  SignedParts,
  SignStepRequest,
} from '@dropgate/core'
import { TokenRequest } from '../tokens.js'
import * as E from './error-groups.js'
import { jsonSchemaOf } from './json-schema.js'
import {
  ANY_CREDENTIAL,
  FILE_FORM,
  jsonAnswer,
  jsonBody,
  nativeAnswer,
  OWNER_CREDENTIAL,
  type RouteDoc,
  withHeaders,
  xmlAnswer,
} from './route-doc.js'
import {
  CreateFileRequest,
  CreateUploadRequest,
  DeletedAnswer,
  FileRecordAnswer,
  HealthAnswer,
  StoredFileAnswer,
  TokenAnswer,
} from './wire-schemas.js'

/** A whole number in a query string (a verified link's `cap` and `exp`). */
const WHOLE = { type: 'integer', minimum: 0 }

/**
 * The native routes of docs/API.md §2 and §4, one entry each (see route-doc.ts). A route added to
 * app.ts without an entry here fails routes/openapi/document.test.ts.
 */
export function nativeRouteDocs(): RouteDoc[] {
  const fileRecord = jsonSchemaOf(FileRecordAnswer)
  return [
    {
      method: 'GET',
      path: '/healthz',
      section: '§2.9',
      summary: 'Liveness: the process answers (no store is touched)',
      tag: 'service',
      auth: 'public',
      answers: { 200: nativeAnswer('The process answers', jsonSchemaOf(HealthAnswer)) },
      errors: { shape: 'native', codes: E.ANY },
    },
    {
      method: 'GET',
      path: '/openapi.json',
      section: '§2.9',
      summary: 'This OpenAPI 3.1 document',
      tag: 'service',
      auth: 'public',
      answers: { 200: jsonAnswer('The OpenAPI document', { type: 'object' }) },
      errors: { shape: 'native', codes: E.ANY },
    },
    {
      method: 'GET',
      path: '/api/v1/policy',
      section: '§2.6',
      summary: 'The allowed types, caps, large-file plan and media rules in force',
      tag: 'native',
      auth: 'public',
      answers: { 200: nativeAnswer('The policy', jsonSchemaOf(PolicyAnswer)) },
      errors: { shape: 'native', codes: E.ANY },
    },
    {
      method: 'POST',
      path: '/api/v1/files',
      section: '§2.2',
      summary: 'JSON mode: a presigned PUT; multipart mode: the file, stored',
      description:
        'The request Content-Type picks the mode. `fileSize` is optional with a secret key only; when given it is bound into the upload URL.',
      tag: 'native',
      auth: ANY_CREDENTIAL,
      body: {
        required: true,
        content: {
          'application/json': {
            schema: { anyOf: [jsonSchemaOf(CreateFileRequest), jsonSchemaOf(CreateFilesBatchRequest)] },
          },
          'multipart/form-data': FILE_FORM,
        },
      },
      answers: {
        200: nativeAnswer('JSON mode: the upload URL; multipart mode: the stored file', {
          anyOf: [
            jsonSchemaOf(CreateFileAnswer),
            jsonSchemaOf(StoredFileAnswer),
            jsonSchemaOf(CreateFilesBatchAnswer),
          ],
        }),
      },
      errors: {
        shape: 'native',
        codes: [
          ...E.ANY_CALLER,
          'unsupported_media_type',
          ...E.JSON_BODY,
          'missing_fields',
          'invalid_file_size',
          'file_size_required',
          'invalid_batch',
          'batch_too_large',
          ...E.ADMIT,
          ...E.FORM_BODY,
          ...E.CONTENT,
          ...E.STORE_WRITE,
          ...E.ANY,
        ],
      },
    },
    {
      method: 'POST',
      path: '/api/v1/files/complete',
      section: '§2.3',
      summary: 'Confirms several uploads in one request (`{fileIds}`), or one (`{fileId}`)',
      description:
        'Each file is checked as by its own `complete`; a batch answers one entry per file, in order. One URL for every file, so a browser pays one CORS preflight.',
      tag: 'native',
      auth: ANY_CREDENTIAL,
      body: {
        required: true,
        content: {
          'application/json': {
            schema: {
              anyOf: [
                jsonSchemaOf(CompleteBatchRequest),
                { type: 'object', required: ['fileId'], properties: { fileId: { type: 'string' } } },
              ],
            },
          },
        },
      },
      answers: {
        200: nativeAnswer('The files, each checked or refused; or the one file', {
          anyOf: [jsonSchemaOf(CompleteBatchAnswer), fileRecord],
        }),
      },
      errors: {
        shape: 'native',
        codes: [
          ...E.ANY_CALLER,
          ...E.JSON_BODY,
          'invalid_batch',
          'batch_too_large',
          ...E.RECHECK,
          ...E.CONTENT,
          ...E.STORE_RESOLVE,
          ...E.ANY,
        ],
      },
    },
    {
      method: 'POST',
      path: '/api/v1/files/{fileId}/complete',
      section: '§2.3',
      summary: 'Confirms an upload: checks its size, scope, magic bytes and media rules',
      description: 'No body. Idempotent. A file that fails is deleted.',
      tag: 'native',
      auth: ANY_CREDENTIAL,
      answers: {
        200: nativeAnswer('The file, checked', fileRecord, { success: { const: true } }),
      },
      errors: {
        shape: 'native',
        codes: [...E.ANY_CALLER, ...E.RECHECK, ...E.CONTENT, ...E.STORE_RESOLVE, ...E.ANY],
      },
    },
    {
      method: 'GET',
      path: '/api/v1/files/{fileId}',
      section: '§2.4',
      summary: 'The file: on S3 an upload nobody confirmed is checked and promoted here',
      tag: 'native',
      auth: OWNER_CREDENTIAL,
      answers: { 200: nativeAnswer('The file', fileRecord) },
      errors: {
        shape: 'native',
        codes: [...E.OWNER_CALLER, ...E.RECHECK, ...E.CONTENT, ...E.STORE_RESOLVE, ...E.ANY],
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/files/{fileId}',
      section: '§2.4',
      summary: 'Removes the file (and a staged upload of it)',
      tag: 'native',
      auth: OWNER_CREDENTIAL,
      answers: { 200: nativeAnswer('Deleted', jsonSchemaOf(DeletedAnswer)) },
      errors: { shape: 'native', codes: [...E.OWNER_CALLER, 'file_not_found', ...E.STORE, ...E.ANY] },
    },
    {
      method: 'POST',
      path: '/api/v1/uploads',
      section: '§2.5',
      summary: 'Starts a large-file (S3 multipart) upload: the plan, a ticket and CreateMultipartUpload',
      tag: 'large files',
      auth: ANY_CREDENTIAL,
      body: jsonBody(CreateUploadRequest),
      answers: { 200: nativeAnswer('The planned upload', jsonSchemaOf(CreateMultipartAnswer)) },
      errors: {
        shape: 'native',
        codes: [
          ...E.ANY_CALLER,
          ...E.JSON_BODY,
          'missing_fields',
          'multipart_size_required',
          ...E.ADMIT,
          ...E.STORE,
          ...E.ANY,
        ],
      },
    },
    {
      method: 'POST',
      path: '/api/v1/uploads/{fileId}/sign',
      section: '§2.5',
      summary:
        "Signs the next steps of a large-file upload (parts, list, complete, abort) for the ticket's owner",
      tag: 'large files',
      auth: ANY_CREDENTIAL,
      body: jsonBody(SignStepRequest),
      answers: {
        200: nativeAnswer('Step `parts`: one URL a part; the other steps: one request', {
          anyOf: [jsonSchemaOf(SignedParts), jsonSchemaOf(PresignedStep)],
        }),
      },
      errors: {
        shape: 'native',
        codes: [
          ...E.ANY_CALLER,
          ...E.JSON_BODY,
          'invalid_sign_request',
          'part_numbers_required',
          'invalid_part',
          'invalid_ticket',
          'ticket_from_other_server',
          'file_not_found',
          'storage_not_configured',
          ...E.ANY,
        ],
      },
    },
    {
      method: 'POST',
      path: '/api/v1/uploads/{fileId}/initiate',
      section: '§2.5',
      summary:
        "S3's CreateMultipartUpload answer for the upload the server created, for S3 clients that send the create themselves",
      description:
        'Stock `@uppy/aws-s3` in `signRequest` mode asks for a create URL and reads `UploadId` from the XML it gets: hand it this URL. Creates nothing. Public: the ticket is the capability, and the answer says only what the ticket says.',
      tag: 'large files',
      auth: 'public',
      query: [
        {
          name: 'ticket',
          required: true,
          schema: { type: 'string' },
          description: "the upload's `ticket` from `POST /api/v1/uploads`",
        },
      ],
      answers: {
        200: xmlAnswer('`InitiateMultipartUploadResult` with the `Key` and `UploadId` of the upload'),
      },
      errors: {
        shape: 'native',
        // No credential is read, so none of the caller errors can answer here.
        codes: ['invalid_ticket', 'ticket_from_other_server', 'storage_not_configured', ...E.ANY],
      },
    },
    {
      method: 'POST',
      path: '/api/v1/tokens',
      section: '§4.1',
      summary: 'Mints an upload token for one browser session (secret key only)',
      tag: 'tokens',
      auth: ['secretKey'],
      body: jsonBody(TokenRequest, 'Every field optional; unknown fields refused'),
      answers: { 200: nativeAnswer('The token', jsonSchemaOf(TokenAnswer)) },
      errors: {
        shape: 'native',
        codes: [
          ...E.SECRET_CALLER,
          ...E.JSON_BODY,
          'token_field_unknown',
          'token_types_invalid',
          'token_max_file_size_invalid',
          'token_max_files_invalid',
          'token_subject_invalid',
          'token_ttl_invalid',
          'token_media_invalid',
          'scope_too_wide',
          'file_too_large',
          ...E.ANY,
        ],
      },
    },
    ...(['GET', 'HEAD'] as const).map(
      (method): RouteDoc => ({
        method,
        path: '/l/{owner}/{fileId}',
        section: '§2.7',
        summary: `A verified link${method === 'HEAD' ? ', without a body' : ''}: the first read checks and promotes the upload`,
        description: 'S3 uploads through upload URLs hand it out as `publicUrl`. The link is the capability.',
        tag: 'links',
        auth: 'public',
        query: [
          {
            name: 'cap',
            required: true,
            schema: WHOLE,
            description: 'the largest size the object may have, bytes',
          },
          {
            name: 'exp',
            required: true,
            schema: WHOLE,
            description: "the end of the file's lifetime, Unix seconds",
          },
          { name: 'sig', required: true, description: 'the MAC of the link, base64url' },
        ],
        answers: {
          302: {
            description: "To the object's own URL",
            ...withHeaders({
              Location: "the object's own public URL",
              'Cache-Control': "public, max-age of at most 3600, never past the file's lifetime",
            }),
          },
        },
        errors: { shape: 'native', codes: [...E.STORE_RESOLVE, ...E.ANY] },
      }),
    ),
  ]
}
