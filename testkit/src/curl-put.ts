import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

/**
 * `curl -T <file>` to an upload URL with the given headers: the peer every upload is measured
 * against (the store's own speed, nothing in between). Its HTTP status, and curl's own
 * `time_total` in seconds.
 */
export async function curlPut(
  url: string,
  file: string,
  headers: Record<string, string>,
): Promise<{ status: number; seconds: number }> {
  const headerArgs = Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`])
  const { stdout } = await run('curl', [
    '-sS',
    '-o',
    '/dev/null',
    '-w',
    '%{http_code} %{time_total}',
    '-T',
    file,
    ...headerArgs,
    url,
  ])
  const [status, seconds] = stdout.trim().split(' ')
  return { status: Number(status), seconds: Number(seconds) }
}
