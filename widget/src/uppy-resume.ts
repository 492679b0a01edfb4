// Uploads that outlive a reload, a crash and a lost connection (README "Resuming uploads"). Loaded on
// demand (resume-loader.ts; the script tag's dist/dropgate-resume.js), so the script-tag bundle only
// carries the call that loads it. It touches Uppy, as the other uppy-*.ts modules do, through the
// instance the driver hands it, and Uppy's own resume path: a file whose state holds `s3Multipart`
// (an upload id and its key) is continued by @uppy/aws-s3 from ListParts instead of created anew.
import type { Body, Meta, Uppy, UppyFile } from '@uppy/core'
import type { CreatedMultipart } from './api.js'
import type { ResumeContext } from './driver-contract.js'
import { type ResumeMessage, resumeMessage } from './locales/resume.js'
import { fingerprintOf } from './resume/fingerprint.js'
import { listAllParts } from './resume/list-parts.js'
import { loadMd5 } from './resume/md5.js'
import { storedBytes, storedParts } from './resume/merge-parts.js'
import { checkParts } from './resume/part-check.js'
import { partsListXml } from './resume/parts-xml.js'
import { newRecord, percentSent, type ResumeRecord } from './resume/record.js'
import { openRecordStore } from './resume/record-store.js'
import { reopen } from './resume/reopen.js'
import { createResumeList } from './resume/resume-list.js'
import type { AttachedResume } from './resume-gate.js'

/** How often a running upload's record is rewritten with the bytes sent (it is only for display). */
const PROGRESS_WRITE_MS = 1000

/** The store or the signer no longer knows the upload: NoSuchUpload, or a ticket it refuses. */
class UploadGone extends Error {}

export function attachResume(uppy: Uppy<Meta, Body>, ctx: ResumeContext): AttachedResume {
  const { api, multipart, registry, endpoint } = ctx
  const store = openRecordStore()
  const say = (key: ResumeMessage, params?: Record<string, string | number>) =>
    resumeMessage(ctx.locale, key, params, ctx.translated())
  /** Records this page is resuming or writing, by Uppy file id: not offered in the list. */
  const recorded = new Map<string, ResumeRecord | 'pending'>()
  const lastWrite = new Map<string, number>()
  const mine = () => new Set([...recorded.values()].flatMap((r) => (r === 'pending' ? [] : [r.id])))

  const discard = async (record: ResumeRecord) => {
    try {
      const [step] = await api.signUploadStep(record.fileId, {
        ticket: record.ticket,
        uploadId: record.uploadId,
        step: 'abort',
      })
      if (step) await fetch(step.url, { method: 'DELETE' })
    } catch (error) {
      // Not aborted (offline, say): the server's sweep removes unfinished uploads in the end.
      console.warn('Dropgate: could not abort an unfinished upload on the store.', error)
    }
    await store.remove(record.id)
    await redraw()
  }
  const list =
    ctx.parent &&
    createResumeList(
      ctx.parent,
      {
        list: say('list'),
        discard: say('discard'),
        continue: say('continue'),
        line: (record, percent) => say('unfinished', { name: record.name, percent }),
      },
      { discard: (record) => void discard(record), continue: (record) => void continueFrom(record) },
    )
  const redraw = async () => {
    if (!list) return
    const own = mine()
    list.show((await store.list(endpoint)).filter((r) => !own.has(r.id)))
  }
  /** A sentence in the list's status line (a polite live region), or Uppy's informer when headless. */
  const tell = (text: string) => (list ? list.status(text) : uppy.info(text, 'info', 5000))
  const quietly = (work: Promise<unknown>) =>
    work.catch((error) => console.warn('Dropgate: resume records unavailable.', error))
  void quietly(redraw())

  /** "Continue": the file read again through its handle is added, and resumes as a re-added one does. */
  const continueFrom = async (record: ResumeRecord) => {
    const reopened = await reopen(record)
    if ('refused' in reopened) {
      const message = { denied: 'reopenDenied', gone: 'reopenGone', changed: 'reopenChanged' } as const
      tell(say(message[reopened.refused], { name: record.name }))
      // A handle that will not give the same file again is no use: no Continue for it any more.
      if (reopened.refused !== 'denied') {
        const { handle: _, ...without } = record
        await quietly(store.put(without))
        await redraw()
      }
      return
    }
    if (record.handle) ctx.handles.remember(reopened.file, record.handle)
    const { file } = reopened
    uppy.addFiles([{ name: file.name, type: file.type, data: file, source: 'dropgate' }])
  }

  /** One page of ListParts, signed with its marker (docs/API.md §2.5). */
  const listPage = async (record: ResumeRecord, marker: number | undefined) => {
    let url: string
    try {
      const [step] = await api.signUploadStep(record.fileId, {
        ticket: record.ticket,
        uploadId: record.uploadId,
        step: 'list',
        ...(marker !== undefined && { partNumberMarker: marker }),
      })
      url = step?.url ?? ''
    } catch (error) {
      // 403: the ticket expired, or was sealed by a server that has since restarted.
      if ((error as { code?: number }).code === 403) throw new UploadGone()
      throw error
    }
    const res = await fetch(url)
    if (res.status === 404) throw new UploadGone()
    if (!res.ok) throw new Error(`Dropgate: the store answered ListParts with ${res.status}`)
    return res.text()
  }

  /** The record, with the handle the file came with this time (if any) for a later "Continue". */
  const withHandle = async (record: ResumeRecord, data: File): Promise<ResumeRecord> => {
    const handle = await ctx.handles.handleOf(data)
    return handle ? { ...record, handle } : record
  }

  const resumeFile = async (file: UppyFile<Meta, Body>) => {
    const data = file.data
    const tracked = registry.get(file.id)
    if (!(data instanceof File) || !tracked || file.s3Multipart || recorded.has(file.id)) return
    const taken = mine()
    const candidates = (await store.list(endpoint)).filter(
      (r) => r.name === data.name && r.size === data.size && !taken.has(r.id),
    )
    for (const record of candidates) {
      // Another plan (the server's part size changed) cannot take the stored parts.
      if (ctx.partSize(data.size) !== record.partSize) continue
      if ((await fingerprintOf(data, record.partSize)) !== record.fingerprint) continue
      recorded.set(file.id, await withHandle(record, data))
      let listed: Awaited<ReturnType<typeof listAllParts>>
      try {
        listed = await listAllParts((marker) => listPage(record, marker))
      } catch (error) {
        recorded.delete(file.id)
        if (!(error instanceof UploadGone)) throw error
        await store.remove(record.id)
        tell(say('restarted', { name: record.name }))
        await redraw()
        return
      }
      const plan = { fileSize: record.size, partSize: record.partSize }
      // Each stored part by size, then by its ETag against the MD5 of the same slice of this file.
      const { kept: stored } = await checkParts(plan, storedParts(plan, listed), data, await loadMd5())
      const created: CreatedMultipart = {
        fileId: record.fileId,
        publicUrl: '',
        partSize: record.partSize,
        partCount: record.partCount,
        ticket: record.ticket,
        uploadId: record.uploadId,
      }
      const listUrl = URL.createObjectURL(new Blob([partsListXml(stored)], { type: 'application/xml' }))
      multipart.adopt?.(tracked, created, listUrl)
      uppy.setFileState(file.id, {
        s3Multipart: { uploadId: record.uploadId, key: registry.keyFor(file.id) },
      })
      const sent = { ...(await withHandle(record, data)), sentBytes: storedBytes(plan, stored) }
      recorded.set(file.id, sent)
      tell(say('continuing', { name: record.name, percent: percentSent(sent) }))
      await redraw()
      return
    }
  }
  // Run by resume-gate.ts's pre-processor, which Uppy has from the start.
  const prepare = async (fileIds: readonly string[]) => {
    await Promise.all(fileIds.map((id) => uppy.getFile(id)).map((f) => f && resumeFile(f)))
  }

  // A new multipart upload is recorded once its upload id is known and bytes flow.
  uppy.on('upload-progress', (file, progress) => {
    const current = file && uppy.getFile(file.id)
    const data = current?.data
    const tracked = current && registry.get(current.id)
    const plan = tracked && multipart.planOf?.(tracked)
    const uploadId = current?.s3Multipart?.uploadId
    if (!current || !(data instanceof File) || !plan || !uploadId) return
    const known = recorded.get(current.id)
    if (known === undefined) {
      recorded.set(current.id, 'pending')
      void quietly(
        fingerprintOf(data, plan.partSize).then(async (fingerprint) => {
          const handle = await ctx.handles.handleOf(data)
          const record = newRecord(
            {
              endpoint,
              fingerprint,
              name: data.name,
              size: data.size,
              fileId: plan.fileId,
              ticket: plan.ticket,
              uploadId,
              partSize: plan.partSize,
              partCount: plan.partCount,
              ...(handle && { handle }),
            },
            Date.now(),
          )
          if (recorded.get(current.id) !== 'pending') return
          recorded.set(current.id, record)
          await store.put(record)
        }),
      )
      return
    }
    if (known === 'pending' || Date.now() - (lastWrite.get(current.id) ?? 0) < PROGRESS_WRITE_MS) return
    lastWrite.set(current.id, Date.now())
    const updated = { ...known, uploadId, sentBytes: progress.bytesUploaded ?? known.sentBytes }
    recorded.set(current.id, updated)
    void quietly(store.put(updated))
  })

  // Done or removed (Uppy aborts a removed file's upload on the store): nothing is left to resume.
  const forget = (id: string) => {
    const known = recorded.get(id)
    recorded.delete(id)
    lastWrite.delete(id)
    if (known && known !== 'pending') void quietly(store.remove(known.id))
  }
  uppy.on('upload-success', (file) => file && forget(file.id))
  uppy.on('file-removed', (file) => forget(file.id))

  // A lost connection pauses every upload; when it is back they continue by themselves, from what
  // the store holds (Uppy's resume asks ListParts), and failed parts are tried again.
  const offline = () => {
    tell(say('offline'))
    uppy.pauseAll()
  }
  const online = () => {
    tell(say('online'))
    // Files whose upload failed as the connection went (a part in flight before the browser said
    // offline) are retried first: Uppy's resumeAll clears the error of every started file but only
    // restarts the uploaders still running, and a failed one has ended, so after it nothing would
    // retry them and they would sit at their last percentage. Retry first, then resume the rest.
    if (uppy.getFiles().some((file) => file.error)) void uppy.retryAll().catch(() => {})
    uppy.resumeAll()
  }
  uppy.on('is-offline', offline)
  uppy.on('back-online', online)

  return {
    prepare,
    stop() {
      uppy.off('is-offline', offline)
      uppy.off('back-online', online)
      list?.destroy()
    },
  }
}
