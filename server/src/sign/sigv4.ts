/**
 * AWS Signature Version 4, query-string flavour ("presigned URLs"), on node:crypto.
 *
 * Rules followed (cited inline as [SigV4 …]):
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 *   https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
 *
 * Only S3's variant is implemented (`service` must be 's3'): the path is encoded once, never
 * normalised, and the payload hash is `UNSIGNED-PAYLOAD`. The URLs produced are byte-identical to
 * aws4fetch 1.0.20 (`signQuery: true, allHeaders: true`, X-Amz-Expires already on the URL), which
 * the tests check. Unlike aws4fetch, the signing key is derived once per (secret, date, region,
 * service) and reused, so a presign costs one SHA-256 and one HMAC.
 *
 * The files: `presign.ts` and `verify.ts` (the two uses), both joining the canonical request in
 * `canonical-request.ts` from the parts `sigv4-encode.ts` and `header-layout.ts` make canonical;
 * `signing-key.ts` (the cached keys), `sigv4-options.ts` (checks of what callers pass, X-Amz-Date).
 * `bench/src/sigv4-micro.ts` measures presign and verify (`pnpm --dir bench run sigv4`).
 */
export { createPresigner, type PresignOptions } from './presign.js'
export { signingKeyCacheSize } from './signing-key.js'
export type { SigV4Credentials } from './sigv4-options.js'
export { type VerifyInput, type VerifyResult, verifyPresigned } from './verify.js'
