// The stock peer of bench part 4: Uppy's own Dashboard and unpatched @uppy/aws-s3 (the CDN bundle,
// window.Uppy) in `signRequest` mode against Dropgate's signer, written as an integrator would from
// the two projects' docs: each S3 request Uppy asks for is one call to the signer (docs/API.md §2.2
// and the large-file routes), and each stored file is confirmed (`complete`) to get its link.
// `stock:upload` fires per confirmed file, `stock:complete` once all are confirmed. `?auto` uploads as
// files are added (Uppy's autoProceed).
const { Uppy, Dashboard, AwsS3 } = window.Uppy
const root = document.getElementById('uppy')
const endpoint = root.dataset.endpoint
const credential = root.dataset.key
const auto = new URLSearchParams(location.search).has('auto')

async function call(path, body) {
  const answer = await fetch(`${endpoint}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = await answer.json()
  if (!answer.ok) throw new Error(`${path}: ${answer.status} ${json.msg}`)
  return json.data
}

const policyAnswer = fetch(`${endpoint}/api/v1/policy`).then((r) => r.json())
// What the signer said for each file (Uppy's file id is the object key handed to signRequest).
const signed = new Map()

async function signRequest(request) {
  const file = uppy.getFile(request.key)
  const contentType = request.contentType || file.type
  const fields = { filename: file.name, contentType, fileSize: file.size }
  if (request.uploadId === undefined && request.method === 'PUT') {
    const created = await call('/api/v1/files', fields)
    signed.set(file.id, created.fileId)
    return { method: 'PUT', url: created.uploadUrl, headers: created.headers }
  }
  if (request.uploadId === undefined && request.method === 'POST') {
    // The signer creates the upload itself; Uppy still sends its create request and reads the
    // UploadId from the answer: the initiate URL answers it for the upload created (docs/API.md §2.5).
    const created = await call('/api/v1/uploads', fields)
    signed.set(file.id, created.fileId)
    signed.set(`${file.id}:ticket`, created.ticket)
    const url = `${endpoint}/api/v1/uploads/${created.fileId}/initiate?ticket=${encodeURIComponent(created.ticket)}`
    // Uppy sends only the URL (no headers): the route is public, its ticket the capability.
    return { method: 'POST', url, headers: {} }
  }
  const fileId = signed.get(file.id)
  const ticket = signed.get(`${file.id}:ticket`)
  const step =
    request.method === 'PUT'
      ? 'parts'
      : request.method === 'GET'
        ? 'list'
        : request.method === 'POST'
          ? 'complete'
          : 'abort'
  const answer = await call(`/api/v1/uploads/${fileId}/sign`, {
    ticket,
    uploadId: request.uploadId,
    step,
    ...(step === 'parts' && { partNumbers: [request.partNumber] }),
  })
  const one = step === 'parts' ? answer.parts[0] : answer
  return { method: one.method, url: one.url, headers: one.headers }
}

const uppy = new Uppy({ autoProceed: auto })
const policy = await policyAnswer
uppy.use(Dashboard, { inline: true, target: root })
uppy.use(AwsS3, {
  signRequest,
  generateObjectKey: (file) => file.id,
  // The signer binds each part URL to its plan's length (the policy's part size).
  getChunkSize: () => policy.data.multipart.basePartSize,
  shouldUseMultipart: (file) => file.size >= policy.data.multipart.threshold,
})

const confirmations = []
uppy.on('upload-success', (file) => {
  const confirmation = call(`/api/v1/files/${signed.get(file.id)}/complete`).then((record) => {
    window.dispatchEvent(
      new CustomEvent('stock:upload', { detail: { publicUrl: record.url, size: record.size_bytes } }),
    )
    return record
  })
  confirmations.push(confirmation)
})
uppy.on('complete', async (result) => {
  const records = await Promise.allSettled(confirmations)
  window.dispatchEvent(
    new CustomEvent('stock:complete', {
      detail: {
        successful: records
          .filter((r) => r.status === 'fulfilled')
          .map((r) => ({ publicUrl: r.value.url, size: r.value.size_bytes })),
        failed: [
          ...result.failed.map((f) => String(f.error)),
          ...records.filter((r) => r.status === 'rejected').map((r) => String(r.reason)),
        ],
      },
    }),
  )
})
window.stockReady = true
