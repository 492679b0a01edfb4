// The widget's own strings. Uppy's Dashboard has its own, from @uppy/locales, for the same locales.
// `{name}`-style placeholders are filled by `translate`.
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
  'error.network': '{name} could not be uploaded: the server could not be reached.',
  'error.auth': '{name} could not be uploaded: this page is not allowed to upload.',
  'error.tooLarge': '{name} could not be uploaded: the server refuses files this large.',
  'error.type': '{name} could not be uploaded: the server does not accept this type of file.',
  'error.mismatch': '{name} was refused by the server: its content does not match its type.',
  'error.busy': '{name} could not be uploaded: too many uploads, try again in a minute.',
  'error.server': '{name} could not be uploaded: the server had a problem.',
  'error.other': '{name} could not be uploaded ({msg}).',
  'ui.region': 'File upload',
  'ui.open': 'Upload files',
  'ui.messages': 'Upload messages',
  'ui.dismiss': 'Dismiss',
  'ui.required': 'Please upload a file.',
  'ui.uploading': 'Please wait until the upload has finished.',
}

export type MessageKey = keyof typeof en
export type Messages = Readonly<Record<MessageKey, string>>
