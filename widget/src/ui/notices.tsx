export interface Notice {
  /** The notice's cause: one notice per cause, gone when the cause is. */
  readonly id: string
  readonly text: string
}

export interface NoticesProps {
  readonly notices: readonly Notice[]
  readonly label: string
  readonly dismissLabel: string
  readonly onDismiss: (id: string) => void
}

/**
 * Refusals and failures, in a polite live region: a screen reader announces each as it appears,
 * without interrupting. There is one per cause (several files failing for one reason share it), and
 * it goes away by itself once its cause is gone (the files retried or removed), or when dismissed.
 */
export function Notices({ notices, label, dismissLabel, onDismiss }: NoticesProps) {
  return (
    <ul class="dg-notices" aria-label={label} aria-live="polite" aria-relevant="additions">
      {notices.map((notice) => (
        <li class="dg-notice" key={notice.id} data-cause={notice.id.split(':')[0]}>
          <span>{notice.text}</span>
          <button
            type="button"
            class="dg-dismiss"
            aria-label={dismissLabel}
            title={dismissLabel}
            onClick={() => onDismiss(notice.id)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  )
}
