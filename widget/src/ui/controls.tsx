import type { UploadedFile } from '../events.js'
import { type Notice, Notices } from './notices.js'

export interface ControlsProps {
  /** Modal mode shows a button that opens the Dashboard; inline mode has the Dashboard in place. */
  readonly showOpenButton: boolean
  readonly openLabel: string
  /** "2 files attached", for the opener's summary; empty when nothing is. */
  readonly attachedLabel: string
  readonly attached: readonly UploadedFile[]
  readonly disabled: boolean
  readonly onOpen: () => void
  readonly notices: readonly Notice[]
  readonly noticesLabel: string
  readonly dismissLabel: string
  readonly onDismiss: (id: string) => void
  /** A passing status (a link copied, the form waiting for uploads), said politely. */
  readonly status: string
}

const THUMBNAILS = 4

/** A confirmed file as a small picture (its public URL) or, for video and audio, a badge. */
function Thumbnail({ file }: { readonly file: UploadedFile }) {
  return file.type.startsWith('image/') ? (
    <img class="dg-thumb" src={file.publicUrl} alt={file.name} width={32} height={32} loading="lazy" />
  ) : (
    <span class="dg-thumb dg-thumb-badge" role="img" aria-label={file.name}>
      {file.type.startsWith('video/') ? '▶' : '♪'}
    </span>
  )
}

export function Controls(props: ControlsProps) {
  const shown = props.attached.slice(-THUMBNAILS)
  return (
    <>
      {props.showOpenButton && (
        <div class="dg-opener">
          <button type="button" class="dg-open" disabled={props.disabled} onClick={props.onOpen}>
            {props.openLabel}
          </button>
          {props.attached.length > 0 && (
            <div class="dg-attached">
              <span class="dg-attached-count">{props.attachedLabel}</span>
              <span class="dg-thumbs">
                {shown.map((file) => (
                  <Thumbnail key={file.fileId} file={file} />
                ))}
              </span>
            </div>
          )}
        </div>
      )}
      <Notices
        notices={props.notices}
        label={props.noticesLabel}
        dismissLabel={props.dismissLabel}
        onDismiss={props.onDismiss}
      />
      <p class="dg-status" role="status">
        {props.status}
      </p>
    </>
  )
}
