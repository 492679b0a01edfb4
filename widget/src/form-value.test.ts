import { describe, expect, it } from 'vitest'
import { formValue } from './form-value.js'

describe('formValue', () => {
  it('submits one value per file under the name', () => {
    const data = formValue('photos', ['https://cdn.test/a.png', 'https://cdn.test/b.png'])
    expect(data?.getAll('photos')).toEqual(['https://cdn.test/a.png', 'https://cdn.test/b.png'])
  })

  it('submits nothing without a name or a file', () => {
    expect(formValue('', ['https://cdn.test/a.png'])).toBeNull()
    expect(formValue('photos', [])).toBeNull()
  })
})
