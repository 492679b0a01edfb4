import { OPTION_ATTRIBUTES, optionsFromAttributes } from './attributes.js'
import { type CompleteDetail, createUploader, type Uploader } from './create-uploader.js'
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
      this.#sync()
    }

    #teardown() {
      this.#uploader?.destroy()
      this.#uploader = undefined
      this.#shadow.replaceChildren()
    }

    /** Form value and validity follow the uploads. */
    #sync() {
      const urls = this.value
      this.#internals.setFormValue(formValue(this.name, urls))
      const t = createTranslator(resolveLocale(this.getAttribute('locale') ?? navigator.languages))
      const anchor = this.#shadow.querySelector<HTMLElement>('.dg-open, .uppy-Dashboard-browse') ?? undefined
      if (this.#uploader?.pending) {
        this.#internals.setValidity({ customError: true }, t('ui.uploading'), anchor)
      } else if (this.required && urls.length === 0) {
        this.#internals.setValidity({ valueMissing: true }, t('ui.required'), anchor)
      } else {
        this.#internals.setValidity({})
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
