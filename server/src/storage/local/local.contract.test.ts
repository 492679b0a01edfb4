import { serve } from '@hono/node-server'
import { makeApp } from '../../../test/harness.js'
import { freePort } from '../../../test/server-process.js'
import { describeStorageContract } from '../../../test/storage-contract.js'
import { uniqueOwner } from '../../../test/swift.js'

/** The storage contract on the embedded store, behind the app's real /store and /files routes over HTTP. */
describeStorageContract('local', async () => {
  const port = await freePort()
  const { app, storage, close } = await makeApp({ PORT: String(port) })
  if (!storage) throw new Error('local storage missing')
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', resolve))
  return {
    storage,
    owner: uniqueOwner('ct'),
    async close() {
      await new Promise((resolve) => server.close(resolve))
      await close()
    },
  }
})
