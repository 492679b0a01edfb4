import { describe, expect, it } from 'vitest'
import de from './de.js'
import { resumeMessage } from './resume.js'

describe('resumeMessage', () => {
  it('words a sentence in the locale handed over, numbers as that locale writes them', () => {
    expect(resumeMessage('de', 'unfinished', { name: 'video.mp4', percent: 62.5 }, de.resume)).toBe(
      'video.mp4: 62,5 % gesendet — die Datei erneut hinzufügen, um fortzufahren',
    )
  })

  it('falls back to English for a locale whose sentences have not loaded', () => {
    expect(resumeMessage('ja', 'unfinished', { name: 'a.mp4', percent: 1234 })).toBe(
      'a.mp4: 1,234% sent — add the file again to continue',
    )
  })

  it('leaves a placeholder it was not given as it is', () => {
    expect(resumeMessage('en', 'continuing', { name: 'a.mp4' })).toBe(
      'a.mp4: continuing where it stopped ({percent}% already sent).',
    )
  })
})
