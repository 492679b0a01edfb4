import { describe, expect, it } from 'vitest'
import { decodeMetadataValue, encodeMetadataValue, metadataFrom, metadataHeaders } from './s3-metadata.js'

describe('s3 metadata values', () => {
  it('sends printable ASCII as is and anything else as an RFC 2047 encoded word', () => {
    expect(encodeMetadataValue('cat photo (1).png')).toBe('cat photo (1).png')
    expect(encodeMetadataValue('résumé.pdf')).toBe('=?UTF-8?B?csOpc3Vtw6kucGRm?=')
    // Runs of spaces and edge spaces would not survive a header's whitespace folding.
    expect(encodeMetadataValue('a  b')).toMatch(/^=\?UTF-8\?B\?/)
    expect(encodeMetadataValue(' a')).toMatch(/^=\?UTF-8\?B\?/)
  })

  it('round-trips every kind of name, including one that looks encoded already', () => {
    for (const name of [
      'plain.png',
      '日本語 ファイル 😀.png',
      'tab\there',
      '=?UTF-8?B?aGk=?=',
      '',
      'a  b ',
      '"quoted" ;,',
    ])
      expect(decodeMetadataValue(encodeMetadataValue(name))).toBe(name)
  })

  it('reads Q-encoded words other tools write, and leaves unknown charsets alone', () => {
    expect(decodeMetadataValue('=?utf-8?Q?caf=C3=A9_cr=C3=A8me.png?=')).toBe('café crème.png')
    expect(decodeMetadataValue('=?ISO-8859-1?Q?caf=E9?=')).toBe('café')
    expect(decodeMetadataValue('=?KOI8-R?B?aGk=?=')).toBe('=?KOI8-R?B?aGk=?=')
  })

  it('maps records to headers and back', () => {
    const headers = metadataHeaders({ filename: 'é.png', Other: 'x' })
    expect(headers).toEqual({ 'x-amz-meta-filename': '=?UTF-8?B?w6kucG5n?=', 'x-amz-meta-other': 'x' })
    expect(metadataFrom(new Headers({ ...headers, 'content-type': 'image/png' }))).toEqual({
      filename: 'é.png',
      other: 'x',
    })
    expect(() => metadataHeaders({ 'bad name': 'x' })).toThrow(TypeError)
  })
})
