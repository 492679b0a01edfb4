// The host element sits in the page's DOM, so page rules such as `* { font-size: 40px !important }`
// reach it and, through inheritance, everything inside the shadow root. An `!important` rule of the
// shadow tree beats an `!important` rule of the page (CSS Cascade 4, §6.1 "Context"), so every
// inherited property is reset here. Layout (display, margin, width) stays the page's to set.
export const HOST_CSS = `
:host {
  display: block;
  color: #1f2328 !important;
  font: 400 16px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif !important;
  font-size-adjust: none !important;
  font-kerning: auto !important;
  font-stretch: normal !important;
  letter-spacing: normal !important;
  word-spacing: normal !important;
  text-align: start !important;
  text-indent: 0 !important;
  text-transform: none !important;
  text-shadow: none !important;
  text-decoration: none !important;
  white-space: normal !important;
  word-break: normal !important;
  overflow-wrap: normal !important;
  hyphens: manual !important;
  tab-size: 8 !important;
  direction: ltr !important;
  writing-mode: horizontal-tb !important;
  visibility: visible !important;
  cursor: auto !important;
  list-style: none !important;
  quotes: auto !important;
  caret-color: auto !important;
  color-scheme: normal !important;
  -webkit-text-fill-color: currentcolor !important;
}
:host([hidden]) { display: none; }
`

// The widget's own parts (the modal's opener with what is attached, the messages, the status line),
// and the corrections to Uppy's Dashboard that WCAG asks for: visible focus, 24×24 px targets, text
// contrast of at least 4.5:1 in both themes.
export const WIDGET_CSS = `
.dg-root { --dg-fg: #1f2328; --dg-bg: #fff; --dg-line: #d0d7de; --dg-accent: #1269cf; --dg-error-bg: #fff1f0; --dg-error-fg: #a40e26; --dg-muted: #4d5562; }
.dg-root[data-theme="dark"] { --dg-fg: #e6edf3; --dg-bg: #1f1f1f; --dg-line: #3d444d; --dg-accent: #4c9aff; --dg-error-bg: #3b1219; --dg-error-fg: #ffb3b8; --dg-muted: #c9d1d9; }
@media (prefers-color-scheme: dark) {
  .dg-root[data-theme="auto"] { --dg-fg: #e6edf3; --dg-bg: #1f1f1f; --dg-line: #3d444d; --dg-accent: #4c9aff; --dg-error-bg: #3b1219; --dg-error-fg: #ffb3b8; --dg-muted: #c9d1d9; }
}
.dg-root { color: var(--dg-fg); }
/* No remote sources are installed, so Uppy's list of them is empty; let the drop zone's text sit in
   the middle of the zone instead of above an empty block that fills it. */
.uppy-Dashboard-AddFiles-list:not(:has(button)) { flex: 0 0 auto; }
.dg-open {
  font: inherit; font-weight: 600; color: #fff; background: var(--dg-accent); border: 0; border-radius: 6px;
  padding: 10px 18px; cursor: pointer;
}
.dg-open:hover { filter: brightness(1.08); }
.dg-open:focus-visible, .dg-dismiss:focus-visible { outline: 3px solid var(--dg-accent); outline-offset: 2px; }
.dg-root :is(button, a, input, [tabindex]):focus-visible { outline: 3px solid var(--dg-accent) !important; outline-offset: 2px !important; }
.dg-root .uppy-Dashboard-files:focus { outline: 3px solid var(--dg-accent); outline-offset: -3px; }
.dg-opener { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: center; }
.dg-attached { display: flex; gap: 8px; align-items: center; font-size: 14px; }
.dg-thumbs { display: flex; gap: 4px; }
.dg-thumb { width: 32px; height: 32px; border-radius: 4px; object-fit: cover; border: 1px solid var(--dg-line); }
.dg-thumb-badge { display: inline-flex; align-items: center; justify-content: center; font-size: 14px; background: var(--dg-bg); }
.dg-status { margin: 0; font-size: 14px; }
.dg-status:not(:empty) { margin: 6px 0; }
.dg-root .uppy-Dashboard-AddFiles { cursor: pointer; }
.dg-root[data-page-drag] .uppy-Dashboard-inner { outline: 3px dashed var(--dg-accent); outline-offset: -3px; }
.dg-root .uppy-Dashboard-Item-action, .dg-root .uppy-Dashboard-Item-progressIndicator {
  min-width: 24px; min-height: 24px; display: inline-flex; align-items: center; justify-content: center;
}
.dg-root .uppy-Dashboard-Item-statusSize, .dg-root .uppy-Dashboard-note { color: var(--dg-muted); }
/* Uppy's green upload button is 2.8:1 (light) and 4.37:1 (dark) against its white text. */
.dg-root .uppy-StatusBar-actionBtn--upload, .dg-root .uppy-StatusBar-actionBtn--upload:hover, .dg-root .uppy-Dashboard-uploadCount { background-color: #13803b !important; color: #fff; }
.dg-root[data-theme="dark"] .dg-open { color: #0b1220; }
@media (prefers-color-scheme: dark) { .dg-root[data-theme="auto"] .dg-open { color: #0b1220; } }
.dg-open:disabled { opacity: .5; cursor: not-allowed; }
.dg-notices { list-style: none; margin: 0; padding: 0; }
.dg-notices:not(:empty) { margin: 8px 0; }
.dg-notice {
  display: flex; gap: 12px; align-items: flex-start; justify-content: space-between;
  margin: 4px 0; padding: 8px 12px; border-radius: 6px; font-size: 14px;
  background: var(--dg-error-bg); color: var(--dg-error-fg);
}
.dg-dismiss {
  flex: none; font: inherit; font-size: 18px; line-height: 1; color: inherit; background: none; border: 0;
  min-width: 24px; min-height: 24px; padding: 0 4px; cursor: pointer;
}
/* While the modal is open, messages float above it (Uppy's modal layers end at z-index 1005). */
.dg-root:has(.uppy-Dashboard--modal[aria-hidden="false"]) .dg-notices {
  position: fixed; z-index: 1010; top: 12px; left: 50%; transform: translateX(-50%); width: min(640px, 92vw);
}
`
