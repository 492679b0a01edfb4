/**
 * What the element submits with its form: every public URL under the field's name, as a multiple
 * `<select>` or `<input type=file multiple>` would; nothing at all without a name or a file.
 */
export function formValue(name: string, urls: readonly string[]): FormData | null {
  if (!name || urls.length === 0) return null
  const data = new FormData()
  for (const url of urls) data.append(name, url)
  return data
}
