/**
 * DROPGATE_REDIS_URL as it may be logged: its password (and a username's, `user:pass@`) replaced by
 * `***`. The URL itself is never logged, nor an error message before `scrubbed` has read it.
 */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password !== '') parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(unparsable URL)'
  }
}

/** `text` with the URL's password taken out, for a client's error message that might quote it. */
export function scrubbed(text: string, url: string): string {
  let password = ''
  try {
    password = decodeURIComponent(new URL(url).password)
  } catch {
    return text
  }
  return password === '' ? text : text.split(password).join('***')
}
