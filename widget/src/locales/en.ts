// The widget's own strings. Uppy's Dashboard has its own, from @uppy/locales, for the same locales,
// with the few the widget corrects in `uppy-strings.ts`. `{name}`-style placeholders are filled by
// `translate`. A failure is `failed.one` (one file) or `failed.many` (a cause shared by several
// files, `{names}` a list) around the cause's `reason.*`, which says what to do next.
export const en = {
  'kind.image': 'images',
  'kind.video': 'videos',
  'kind.audio': 'audio files',
  'refused.type': '{name} was not added: this type of file is not accepted.',
  'refused.extension': '{name} was not added: files ending in .{extension} are not accepted.',
  'refused.size': '{name} was not added: the limit for {kind} is {limit}.',
  'refused.empty': '{name} was not added: the file is empty.',
  'refused.count.one': '{name} was not added: only one file can be uploaded.',
  'refused.count.other': '{name} was not added: at most {limit} files can be uploaded.',
  'refused.content': '{name} was not added: it is not really an image, a video or an audio file.',
  'refused.mismatch': '{name} was not added: its content does not match its type.',
  'failed.one': '{name} could not be uploaded: {reason}',
  'failed.many': '{names} could not be uploaded: {reason}',
  'reason.network': 'the server could not be reached. Check the connection, then retry.',
  'reason.server': 'the server had a problem. Retry in a moment.',
  'reason.busy': 'too many uploads at once. Retry in a minute.',
  'reason.storeRefused': 'the storage refused the upload link. Retry to get a new one.',
  'reason.gone': 'the file did not arrive in storage. Retry to send it again.',
  'reason.keyRefused':
    "this site's upload key is not accepted (revoked or mistyped). Retrying will not help: tell the site's owner.",
  'reason.origin':
    "this page's address may not upload with this site's key. Retrying will not help: tell the site's owner.",
  'reason.tokenExpired': 'the permission to upload has expired. Reload the page and add the file again.',
  'reason.tokenInvalid': 'the permission to upload is not valid. Reload the page and add the file again.',
  'reason.scope': 'this upload is not allowed ({msg}). Remove the file.',
  'reason.tooLarge': 'the server refuses files this large. Remove it or choose a smaller one.',
  'reason.type': 'the server does not accept this type of file. Remove it.',
  'reason.mismatch': 'the server found that its content does not match its type. Remove it.',
  'reason.media': 'the server refuses it: {msg}. Remove it.',
  'reason.other': 'the server answered “{msg}”. Retry, or remove the file.',
  'limits.group': '{kinds} up to {size}',
  'limits.count.one': 'one file',
  'limits.count.other': 'at most {count} files',
  'ui.region': 'File upload',
  'ui.open': 'Upload files',
  'ui.messages': 'Upload messages',
  'ui.dismiss': 'Dismiss',
  'ui.files': 'Files',
  'ui.attached.one': '1 file attached',
  'ui.attached.other': '{count} files attached',
  'ui.copied': 'Link to {name} copied.',
  'ui.copyFailed': 'The link could not be copied: {url}',
  'ui.required': 'Please upload a file.',
  'ui.waiting': 'The form will be sent as soon as the uploads finish.',
  'ui.failedFiles': 'Not uploaded: {names}. Retry or remove them, then send the form again.',
}

export type MessageKey = keyof typeof en
export type Messages = Readonly<Record<MessageKey, string>>
