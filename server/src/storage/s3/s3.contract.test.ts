import { describeStorageContract } from '../../../test/storage-contract.js'
import { openMultipartUploads, swiftStorage, uniqueOwner } from '../../../test/swift.js'

/** The storage contract on the s3 driver against a real S3 API (Swift's s3api, scripts/swift-s3.sh). */
describeStorageContract('s3 on Swift', async () => {
  // Small parts and pages, so an 11 MiB body takes three parts and a listing several pages.
  const storage = swiftStorage({ partSize: 5 * 1024 * 1024, listPageSize: 2 })
  return {
    storage,
    owner: uniqueOwner('ct'),
    openMultipartUploads: (prefix) => openMultipartUploads(storage, prefix),
    async close() {},
  }
})
