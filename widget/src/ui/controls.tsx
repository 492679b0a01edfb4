import { type Notice, Notices } from './notices.js'

export interface ControlsProps {
  /** Modal mode shows a button that opens the Dashboard; inline mode has the Dashboard in place. */
  readonly showOpenButton: boolean
  readonly openLabel: string
  readonly disabled: boolean
  readonly onOpen: () => void
  readonly notices: readonly Notice[]
  readonly noticesLabel: string
  readonly dismissLabel: string
  readonly onDismiss: (id: number) => void
}

export function Controls(props: ControlsProps) {
  return (
    <>
      {props.showOpenButton && (
        <button type="button" class="dg-open" disabled={props.disabled} onClick={props.onOpen}>
          {props.openLabel}
        </button>
      )}
      <Notices
        notices={props.notices}
        label={props.noticesLabel}
        dismissLabel={props.dismissLabel}
        onDismiss={props.onDismiss}
      />
    </>
  )
}
