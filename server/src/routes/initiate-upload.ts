import type { Context } from 'hono'
import { objectKey } from '../core/keys.js'
import { escapeXml } from '../core/xml-escape.js'
import { errors } from '../errors.js'
import { type RouteDeps, storageOf } from '../usecases/deps.js'
import { fileTicket } from './multipart.js'

/**
 * POST /api/v1/uploads/{fileId}/initiate?ticket=… (docs/API.md §2.5): S3's answer to
 * CreateMultipartUpload, `InitiateMultipartUploadResult`, for the upload `POST /api/v1/uploads`
 * already created. S3 clients that insist on sending the create request themselves (stock
 * @uppy/aws-s3 in `signRequest` mode asks its signer for a create URL, sends to it with no header
 * of the signer's, and reads the UploadId from the answer's XML) are handed this URL for it: they get
 * the server's upload id, and nothing is created, so no URL that could start another upload at the
 * key exists even for them.
 *
 * Public, the ticket in the query: those clients send neither a body nor a header of ours. The answer
 * says only what the ticket itself says (its claims are readable, and the key follows from its owner
 * and file id), so holding the URL grants nothing the ticket did not; the seal is checked so that only
 * what this server issued is ever echoed. Request logs name paths, never queries.
 */
export function initiateUploadHandler(deps: RouteDeps) {
  return (c: Context) => {
    const sealed = c.req.query('ticket')
    if (!sealed) throw errors.invalidTicket()
    const ticket = fileTicket(deps, sealed, c.req.param('fileId') ?? '')
    const key = storageOf(deps).stagingKey(objectKey(ticket.owner, ticket.fileId))
    c.header('Content-Type', 'application/xml')
    return c.body(
      `<?xml version="1.0" encoding="UTF-8"?>\n<InitiateMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Key>${escapeXml(key)}</Key><UploadId>${escapeXml(ticket.uploadId)}</UploadId></InitiateMultipartUploadResult>`,
      200,
    )
  }
}
