export interface Notice {
  readonly id: number
  readonly text: string
}

export interface NoticesProps {
  readonly notices: readonly Notice[]
  readonly label: string
  readonly dismissLabel: string
  readonly onDismiss: (id: number) => void
}

/**
 * Refusals and failures, in a polite live region: a screen reader announces each as it appears,
 * without interrupting, and each stays until dismissed so it can be read at leisure.
 */
export function Notices({ notices, label, dismissLabel, onDismiss }: NoticesProps) {
  return (
    <ul class="dg-notices" aria-label={label} aria-live="polite" aria-relevant="additions">
      {notices.map((notice) => (
        <li class="dg-notice" key={notice.id}>
          <span>{notice.text}</span>
          <button
            type="button"
            class="dg-dismiss"
            aria-label={dismissLabel}
            onClick={() => onDismiss(notice.id)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  )
}
