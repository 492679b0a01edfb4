/**
 * @dropgate/core: the rules the widget and the signer share, with no Node and no DOM dependency, so
 * the same code runs in a browser bundle, under Node and on any other JavaScript runtime.
 */
export * from './caps.js'
export * from './content-check.js'
export * from './error-table.js'
export * from './errors.js'
export * from './media-rules.js'
export * from './media-types.js'
export * from './multipart-plan.js'
export * from './sniff.js'
export * from './wire.js'
