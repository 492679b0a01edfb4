// Uppy's Dashboard, the file list the widget renders, and what the widget corrects in it: inside a
// shadow root its focus handling and Tab trap compare `document.activeElement`, and a few of its
// actions and texts must follow the widget's rules, not Uppy's.
import type { Body, Meta, Uppy } from '@uppy/core'
import coreCss from '@uppy/core/css/style.min.css?inline'
import Dashboard from '@uppy/dashboard'
import dashboardCss from '@uppy/dashboard/css/style.min.css?inline'
import type { Driver, DriverConfig } from './driver-contract.js'
import { trapTab } from './focus-trap.js'
import { keepAriaRepaired } from './list-roles.js'
import { drawThumbnailsAfterSigning } from './thumbnails-after-signing.js'

/** Uppy's styles, for the shadow root the widget renders in. */
export const UPPY_CSS = `${coreCss}\n${dashboardCss}`

/** The Dashboard's part of the driver; every action does nothing when the driver is headless. */
export interface DashboardView {
  readonly actions: Pick<
    Driver,
    'openModal' | 'setNote' | 'setDisabled' | 'openPicker' | 'setUnretryable'
  > & {
    /** Uppy reads the direction once, when the Dashboard mounts (UIPlugin's `dir` on .uppy-Root). */
    setDirection(direction: 'ltr' | 'rtl'): void
  }
  /** Where the file a person just removed with its ✕ was, read once; -1 when it went otherwise. */
  takeRemovedAt(): number
  destroy(): void
}

/** Renders the Dashboard into `config.mount`, if any, with the widget's corrections. */
export function addDashboard(uppy: Uppy<Meta, Body>, config: DriverConfig): DashboardView {
  const { hooks } = config
  if (config.mount) {
    uppy.use(Dashboard<Meta, Body>, {
      target: config.mount,
      inline: config.inline,
      theme: config.theme,
      note: config.note ?? null,
      // A confirmed file keeps its ✕ (it is dropped from the value) and gets a copy-link action.
      showRemoveButtonAfterComplete: true,
      showLinkToFileUploadResult: true,
      width: '100%',
      height: config.inline ? 360 : 480,
      proudlyDisplayPoweredByUppy: false,
      // Every message the widget shows goes through its own live region, translated.
      disableInformer: true,
      // History and body classes belong to the host page.
      browserBackButtonClose: false,
      disablePageScrollWhenModalOpen: false,
      closeModalOnClickOutside: true,
      doneButtonHandler: config.inline ? null : () => dashboard()?.closeModal(),
    })
    // The Dashboard's own generator, `${id}:ThumbnailGenerator` (its id is the default 'Dashboard').
    if (config.autoUpload) drawThumbnailsAfterSigning(uppy, 'Dashboard:ThumbnailGenerator')
  }
  const dashboard = () => uppy.getPlugin<Dashboard<Meta, Body>>('Dashboard')
  const stopRepair = config.mount
    ? keepAriaRepaired(config.mount, config.dialogLabel, config.listLabel)
    : () => {}
  // The Dashboard moves focus after every render by comparing `document.activeElement`, which inside
  // a shadow root is the host, never its own elements: in a modal it pulled focus to the first
  // control on every progress update. The widget moves focus itself (focus-keeper.ts).
  const plugin = dashboard()
  if (plugin) {
    const noFocusJumps = Object.assign(() => {}, { cancel() {}, flush() {} })
    ;(plugin as unknown as { superFocus: unknown }).superFocus = noFocusJumps
    uppy.on('dashboard:modal-closed', () => hooks.modalClosed())
  }

  // The Dashboard traps Tab in its modal and overlays by comparing `document.activeElement`, which
  // inside a shadow root is the host: focus stuck on the first button. Capturing Tab on the way down
  // replaces that trap with one that reads the shadow root's own active element.
  config.mount?.addEventListener(
    'keydown',
    (event) => {
      const plugin = dashboard()
      if (event.key !== 'Tab' || !plugin || !config.mount) return
      const { isHidden, activeOverlayType } = plugin.getPluginState()
      if (config.inline ? activeOverlayType === null : isHidden) return
      const dashboardEl = config.mount.querySelector('.uppy-Dashboard-inner')
      const overlay =
        (activeOverlayType && dashboardEl?.querySelector(`[data-uppy-paneltype="${activeOverlayType}"]`)) ||
        dashboardEl
      if (!overlay) return
      event.stopPropagation()
      trapTab(event, overlay)
    },
    true,
  )

  const fileIndex = (id: string) => uppy.getFiles().findIndex((f) => f.id === id)

  // The copy-link action copies the public URL the widget holds, and says so in its live region
  // (Uppy's says it in the informer, which the widget does not show, or falls back to a prompt).
  config.mount?.addEventListener(
    'click',
    (event) => {
      const button = (event.target as Element | null)?.closest?.('.uppy-Dashboard-Item-action--copyLink')
      const item = button?.closest('.uppy-Dashboard-Item')
      if (!button || !item) return
      event.stopPropagation()
      event.preventDefault()
      hooks.copyLink(item.id.replace(/^uppy_/, ''))
    },
    true,
  )
  // A click anywhere on the drop zone opens the picker, not only on its "browse" button.
  config.mount?.addEventListener('click', (event) => {
    const target = event.target as Element | null
    if (!target?.closest?.('.uppy-Dashboard-AddFiles') || target.closest('button, a, input, label')) return
    openPicker()
  })
  // Where a removed file was, taken before Uppy's state drops it.
  let removedAt = -1
  config.mount?.addEventListener(
    'click',
    (event) => {
      const item = (event.target as Element | null)?.closest?.('.uppy-Dashboard-Item-action--remove')
      const card = item?.closest('.uppy-Dashboard-Item')
      removedAt = card ? fileIndex(card.id.replace(/^uppy_/, '')) : -1
    },
    true,
  )

  // Uppy 6's Dashboard never hands its top bar `isAllErrored`, so with every file failed the title
  // still says "Uploading 1 file". The title's text node is corrected in place (Preact rewrites it
  // only when its own text changes).
  const titleObserver =
    config.mount && typeof MutationObserver !== 'undefined'
      ? new MutationObserver(() => {
          const files = uppy.getFiles()
          const title = config.mount?.querySelector('.uppy-DashboardContent-title')?.firstChild
          if (title?.nodeType !== 3 || files.length === 0 || !dashboard() || !files.every((f) => f.error))
            return
          const failed = dashboard()?.i18n('uploadFailed') ?? ''
          if ((title as Text).data !== failed) (title as Text).data = failed
        })
      : undefined
  if (config.mount)
    titleObserver?.observe(config.mount, { childList: true, subtree: true, characterData: true })

  // Per file, the Dashboard shows Retry on every failed file; for those no retry can fix, it is hidden.
  const noRetry = config.mount?.ownerDocument.createElement('style')
  if (noRetry && config.mount) config.mount.before(noRetry)
  const cssId = (id: string) =>
    typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(id) : id.replace(/[^\w-]/g, '\\$&')

  const openPicker = () => {
    config.mount?.querySelector<HTMLInputElement>('input.uppy-Dashboard-input')?.click()
  }

  return {
    actions: {
      openModal() {
        dashboard()?.openModal()
      },
      setNote(note) {
        dashboard()?.setOptions({ note })
      },
      setDirection(direction) {
        dashboard()?.setOptions({ direction })
        for (const root of config.mount?.querySelectorAll<HTMLElement>('.uppy-Root') ?? [])
          root.dir = direction
      },
      setDisabled(disabled) {
        dashboard()?.setOptions({ disabled })
      },
      openPicker,
      setUnretryable(ids, anyRetryable) {
        if (!noRetry) return
        const cards = ids.map((id) => `#uppy_${cssId(id)} .uppy-Dashboard-Item-progressIndicator`)
        if (!anyRetryable && ids.length > 0) cards.push('.uppy-StatusBar-actionBtn--retry')
        noRetry.textContent = cards.length > 0 ? `${cards.join(',')} { display: none !important; }` : ''
      },
    },
    takeRemovedAt() {
      const index = removedAt
      removedAt = -1
      return index
    },
    destroy() {
      stopRepair()
      noRetry?.remove()
      titleObserver?.disconnect()
    },
  }
}
