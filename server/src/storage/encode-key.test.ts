import { describe, expect, test } from 'vitest'
import { encodeKey } from './encode-key.js'

/** The definition: every segment through encodeURIComponent, then !'()* as well. */
const reference = (key: string) =>
  key
    .split('/')
    .map((s) =>
      encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    )
    .join('/')

describe('encodeKey', () => {
  test.each([
    [
      'uploads/key-0123456789abcdef/lx2k3mq0-AbCd_EfGh-IjKlMnOpQrStUvWx.mp4',
      'uploads/key-0123456789abcdef/lx2k3mq0-AbCd_EfGh-IjKlMnOpQrStUvWx.mp4',
    ],
    ['a//b/~x.y_z-', 'a//b/~x.y_z-'],
    ['', ''],
    ["it's (1)!*.png", 'it%27s%20%281%29%21%2A.png'],
    ['a+b/c%d/é', 'a%2Bb/c%25d/%C3%A9'],
  ])('%s', (key, encoded) => {
    expect(encodeKey(key)).toBe(encoded)
  })

  test('agrees with the definition on random keys', () => {
    const alphabet = "aZ09-_.~/!'()* %+#?&=é日"
    let seed = 11
    for (let n = 0; n < 2000; n++) {
      let key = ''
      for (let i = n % 20; i > 0; i--) {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
        key += alphabet[seed % (n % 3 === 0 ? alphabet.length : 9)]
      }
      expect(encodeKey(key)).toBe(reference(key))
    }
  })
})
