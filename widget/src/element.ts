import { OPTION_ATTRIBUTES, optionsFromAttributes } from './attributes.js'
import { type CompleteDetail, createUploader, type Uploader } from './create-uploader.js'
import { listNames } from './describe.js'
import { type DropgateEventMap, EVENT_NAMES } from './events.js'
import { formValue } from './form-value.js'
import { createTranslator, resolveLocale } from './i18n.js'

/** `CustomEvent`s the element dispatches; they bubble and cross shadow roots (`composed`). */
export type DropgateElementEventMap = HTMLElementEventMap & {
  [K in keyof DropgateEventMap]: CustomEvent<DropgateEventMap[K]>
}

export interface DropgateUploadElement extends HTMLElement {
  /** The form field its public URLs are submitted under, one value per file. */
  name: string
  required: boolean
  /** For a token your page fetches; set it before or right after the element is added. */
  getToken: (() => string | Promise<string>) | undefined
  /** The public URLs uploaded so far. */
  readonly value: readonly string[]
  readonly uploader: Uploader | undefined
  readonly form: HTMLFormElement | null
  readonly validity: ValidityState
  readonly validationMessage: string
  readonly willValidate: boolean
  checkValidity(): boolean
  reportValidity(): boolean
  upload(): Promise<CompleteDetail>
  reset(): void
  addEventListener<K extends keyof DropgateElementEventMap>(
    type: K,
    listener: (this: DropgateUploadElement, event: DropgateElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void
  removeEventListener<K extends keyof DropgateElementEventMap>(
    type: K,
    listener: (this: DropgateUploadElement, event: DropgateElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void
}

declare global {
  interface HTMLElementTagNameMap {
    'dropgate-upload': DropgateUploadElement
  }
}

// Built inside a function so that importing this module where there is no DOM (SSR, Node) does
// not evaluate `extends HTMLElement`.
function createElementClass() {
  return class DropgateUpload extends HTMLElement implements DropgateUploadElement {
    static formAssociated = true
    static observedAttributes = [...Object.keys(OPTION_ATTRIBUTES), 'name', 'required']

    readonly #internals = this.attachInternals()
    // delegatesFocus: focusing the element (as the browser does to show a validity message) focuses
    // its first control.
    readonly #shadow = this.attachShadow({ mode: 'open', delegatesFocus: true })
    #uploader: Uploader | undefined
    #getToken: DropgateUploadElement['getToken']
    #scheduled = false
    /** The form this element listens to for submits, and the submit it holds until uploads end. */
    #form: HTMLFormElement | null = null
    #heldSubmit: { submitter: HTMLElement | null } | undefined

    get name() {
      return this.getAttribute('name') ?? ''
    }
    set name(value: string) {
      this.setAttribute('name', value)
    }
    get required() {
      return this.hasAttribute('required')
    }
    set required(value: boolean) {
      this.toggleAttribute('required', value)
    }
    get getToken() {
      return this.#getToken
    }
    set getToken(value) {
      this.#getToken = value
      this.#schedule()
    }
    get value() {
      return this.#uploader?.results.map((r) => r.publicUrl) ?? []
    }
    get uploader() {
      return this.#uploader
    }
    get form() {
      return this.#internals.form
    }
    get validity() {
      return this.#internals.validity
    }
    get validationMessage() {
      return this.#internals.validationMessage
    }
    get willValidate() {
      return this.#internals.willValidate
    }
    checkValidity() {
      return this.#internals.checkValidity()
    }
    reportValidity() {
      return this.#internals.reportValidity()
    }
    upload() {
      if (!this.#uploader) return Promise.reject(new Error('Dropgate: the element is not configured'))
      return this.#uploader.upload()
    }
    reset() {
      this.#uploader?.reset()
      this.#sync()
    }

    connectedCallback() {
      this.#schedule()
    }
    disconnectedCallback() {
      // Moving the element is a disconnect then a connect in the same task: keep it alive then.
      queueMicrotask(() => {
        if (!this.isConnected) this.#teardown()
      })
    }
    attributeChangedCallback(name: string, before: string | null, after: string | null) {
      if (before === after) return
      if (name === 'name' || name === 'required') this.#sync()
      else this.#schedule()
    }
    formResetCallback() {
      this.reset()
    }
    formAssociatedCallback() {
      // Inside a form, uploads start as files are added (unless `auto-upload="false"`).
      this.#schedule()
    }
    formDisabledCallback(disabled: boolean) {
      this.#uploader?.setDisabled(disabled)
    }

    /** Attribute changes made together (as a framework sets them) rebuild the uploader once. */
    #schedule() {
      if (this.#scheduled) return
      this.#scheduled = true
      queueMicrotask(() => {
        this.#scheduled = false
        if (this.isConnected) this.#build()
      })
    }

    #build() {
      this.#teardown()
      try {
        this.#uploader = createUploader(
          {
            // Validated by createUploader, which names a missing endpoint with every other problem.
            endpoint: '',
            // Inside a form, uploads start as files are added: its submit button is the one button.
            ...(this.#internals.form && { autoUpload: true }),
            ...optionsFromAttributes((name) => this.getAttribute(name)),
            ...(this.#getToken && { getToken: this.#getToken }),
            target: this.#shadow,
          },
          { onChange: () => this.#sync() },
        )
      } catch (error) {
        // A misconfigured element says so where the uploader would have been, and in the console.
        const message = error instanceof Error ? error.message : String(error)
        const p = this.ownerDocument.createElement('p')
        p.setAttribute('role', 'alert')
        p.textContent = message
        this.#shadow.replaceChildren(p)
        console.error(error)
        return
      }
      for (const type of EVENT_NAMES) {
        this.#uploader.on(type, (detail) =>
          this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true })),
        )
      }
      if (this.matches(':disabled')) this.#uploader.setDisabled(true)
      this.#form = this.#internals.form
      // Capture, so a submit held for uploads reaches none of the page's own submit handlers.
      this.#form?.addEventListener('submit', this.#onSubmit, true)
      this.#sync()
    }

    #teardown() {
      this.#form?.removeEventListener('submit', this.#onSubmit, true)
      this.#form = null
      this.#heldSubmit = undefined
      this.#uploader?.destroy()
      this.#uploader = undefined
      this.#shadow.replaceChildren()
    }

    /**
     * A submit while uploads run (or files wait) is held, the waiting files are started, and the form
     * is submitted again, with the same submit button, once every upload is confirmed. If some fail,
     * the form says which instead (its validity message), and stays.
     */
    readonly #onSubmit = (event: SubmitEvent) => {
      const uploader = this.#uploader
      if (!uploader) return
      if (uploader.pending) {
        event.preventDefault()
        event.stopImmediatePropagation()
        this.#heldSubmit = { submitter: event.submitter }
        uploader.announce(this.#t()('ui.waiting'))
        void uploader.upload().catch(() => {})
      } else if (uploader.failed.length > 0) {
        // A form with `novalidate` still submits invalid fields: not with files that failed.
        event.preventDefault()
        event.stopImmediatePropagation()
        this.reportValidity()
      }
    }

    #t() {
      return createTranslator(resolveLocale(this.getAttribute('locale') ?? navigator.languages))
    }

    /** Form value and validity follow the uploads. */
    #sync() {
      const urls = this.value
      this.#internals.setFormValue(formValue(this.name, urls))
      const t = this.#t()
      const anchor = this.#shadow.querySelector<HTMLElement>('.dg-open, .uppy-Dashboard-browse') ?? undefined
      const uploader = this.#uploader
      const failed = uploader?.failed ?? []
      if (failed.length > 0 && !uploader?.pending) {
        const names = listNames(
          failed.map((f) => f.name),
          resolveLocale(this.getAttribute('locale') ?? navigator.languages),
        )
        this.#internals.setValidity({ customError: true }, t('ui.failedFiles', { names }), anchor)
      } else if (this.required && urls.length === 0 && !uploader?.pending) {
        this.#internals.setValidity({ valueMissing: true }, t('ui.required'), anchor)
      } else {
        // While uploads run the field is valid: a submit then is held until they end (#onSubmit).
        this.#internals.setValidity({})
      }
      const held = this.#heldSubmit
      if (held && uploader && !uploader.pending) {
        this.#heldSubmit = undefined
        uploader.announce('')
        const form = this.#internals.form
        if (failed.length > 0) this.reportValidity()
        else if (form) {
          const { submitter } = held
          // After this change has been handled: the submit must see the final form value.
          queueMicrotask(() =>
            form.requestSubmit(
              submitter && form.contains(submitter) ? (submitter as HTMLButtonElement) : null,
            ),
          )
        }
      }
    }
  }
}

/** Defines `<dropgate-upload>` (or another tag name) once; safe to call again. */
export function defineDropgateUpload(tagName = 'dropgate-upload'): CustomElementConstructor {
  const existing = customElements.get(tagName)
  if (existing) return existing
  const element = createElementClass()
  customElements.define(tagName, element)
  return element
}
