/**
 * Where and as whom the signer talks to an S3-compatible store: what config.ts reads from
 * DROPGATE_STORAGE=s3's variables (docs/API.md §1) and the S3 driver is built from. Declared here, in
 * core, because both need it and neither may import the other (src/layers.test.ts).
 */
export interface S3Settings {
  endpoint: string
  bucket: string
  /**
   * A private bucket for uploads not yet checked (`quarantine/...` keys), where the public domain
   * serves the whole main bucket (R2); unset: they stay in the main bucket under `quarantine/`.
   */
  quarantineBucket?: string
  region: string
  accessKeyId: string
  secretAccessKey: string
}
