// Script-tag build only (aliased in vite.config.ts). The Dashboard imports `@uppy/core/provider-views`
// for one icon, shown for remote-source plugins the widget never installs; the real module brings
// Uppy's whole remote-provider browser (about 10 KB gzip) into the bundle for nothing.
export const defaultPickerIcon = (): null => null
