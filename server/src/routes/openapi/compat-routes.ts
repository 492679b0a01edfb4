import { UPLOAD_IMAGES_OVERRIDES } from '../compat/upload-images.js'
import * as E from './error-groups.js'
import { jsonSchemaOf } from './json-schema.js'
import { ANY_CREDENTIAL, FILE_FORM, jsonAnswer, jsonBody, type RouteDoc } from './route-doc.js'
import {
  FilesUploadAnswer,
  FilesUploadRequest,
  UploadImagesAnswer,
  UploadUrlAnswer,
  UploadUrlRequest,
} from './wire-schemas.js'

/**
 * The three compatible APIs of docs/API.md §3 (routes/compat), one entry each: their own field
 * names, answers without the native envelope, and errors in their own envelopes (§3.4).
 */
export function compatRouteDocs(): RouteDoc[] {
  const urlErrors = [
    ...E.ANY_CALLER,
    'json_body_required',
    ...E.JSON_BODY,
    'invalid_fields',
    ...E.ADMIT,
    ...E.STORE,
    ...E.ANY,
  ] as const
  return [
    {
      method: 'POST',
      path: '/v1/files/upload',
      section: '§3.1',
      summary: 'First compatible API: an upload URL valid one hour',
      tag: 'compatible',
      auth: ANY_CREDENTIAL,
      body: jsonBody(FilesUploadRequest),
      answers: { 200: jsonAnswer('The upload URL', jsonSchemaOf(FilesUploadAnswer)) },
      errors: { shape: 'compat', codes: urlErrors },
    },
    {
      method: 'POST',
      path: '/api/v1/files/upload-url',
      section: '§3.2',
      summary: 'Second compatible API: an upload URL, then the native complete',
      tag: 'compatible',
      auth: ANY_CREDENTIAL,
      body: jsonBody(UploadUrlRequest),
      answers: { 200: jsonAnswer('The upload URL', jsonSchemaOf(UploadUrlAnswer)) },
      errors: { shape: 'compat-success', codes: urlErrors },
    },
    {
      method: 'POST',
      path: '/v1/uploads/images',
      section: '§3.3',
      summary: 'Third compatible API: an image (JPEG, PNG, WebP, GIF) in form field `file`, stored',
      tag: 'compatible',
      auth: ANY_CREDENTIAL,
      body: { required: true, content: { 'multipart/form-data': FILE_FORM } },
      answers: { 200: jsonAnswer('The stored image', jsonSchemaOf(UploadImagesAnswer)) },
      errors: {
        shape: 'compat',
        overrides: UPLOAD_IMAGES_OVERRIDES,
        codes: [
          ...E.ANY_CALLER,
          'image_form_required',
          ...E.FORM_BODY,
          'image_type_not_allowed',
          ...E.ADMIT.filter((code) => code !== 'type_not_allowed'),
          ...E.CONTENT,
          ...E.STORE_WRITE,
          ...E.ANY,
        ],
      },
    },
  ]
}
