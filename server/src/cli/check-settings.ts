import type { BucketSettingAnswer, S3Storage } from '../storage/s3/index.js'
import { type BucketSetting, STORE_CORS_ADVICE } from './bucket-settings.js'
import { type AddFinding, describeFailure } from './check-findings.js'
import { preflightGaps } from './check-probes.js'

/**
 * `storage check` of one bucket setting (bucket-settings.ts): read through the driver, judged by its
 * description. A store that does not report CORS rules (Swift, MinIO keep them in their own
 * configuration) is asked the way a browser asks: preflights, and the ETag exposure of a real PUT.
 */

/** A probe object a browser's PUT stored in the setting's bucket: its key, and who could read its ETag. */
export type CorsProbe = (setting: BucketSetting) => Promise<{ key: string; etagExposedTo: string[] } | string>

export async function checkSetting(
  storage: S3Storage,
  setting: BucketSetting,
  origins: readonly string[],
  corsProbe: CorsProbe,
  add: AddFinding,
): Promise<void> {
  const { topic } = setting
  if (setting.notNeeded) {
    add('warn', topic, setting.notNeeded.check)
    return
  }
  let answer: BucketSettingAnswer
  try {
    answer = await storage.admin.readSetting(setting.bucket, setting.name)
  } catch (error) {
    const rules = setting.name === 'cors' ? 'CORS' : 'lifecycle'
    add(
      'fail',
      topic,
      `reading ${setting.where}'s ${rules} rules failed: ${describeFailure(error, storage.admin.endpoint)}`,
    )
    return
  }
  if (answer.kind === 'document' || answer.kind === 'none') {
    for (const v of setting.judge(answer.kind === 'document' ? answer.xml : undefined))
      add(v.status, topic, v.text)
    return
  }
  if (setting.name !== 'cors') {
    for (const v of setting.unreadable(answer)) add(v.status, topic, v.text)
    return
  }
  const why =
    answer.kind === 'denied'
      ? `these credentials may not read ${setting.where}'s CORS rules (${setting.operation}: ${answer.why})`
      : `this store does not report CORS rules (${setting.operation}: ${answer.why})`
  const probe = await corsProbe(setting)
  if (typeof probe === 'string') {
    add('fail', topic, `${why}; ${probe}`)
    return
  }
  const gaps: string[] = []
  for (const origin of origins) {
    const refused = await preflightGaps(storage, probe.key, origin)
    if (refused.length > 0) gaps.push(`${origin} may not ${refused.join('/')}`)
    if (!probe.etagExposedTo.includes(origin)) gaps.push(`${origin} cannot read the ETag header`)
  }
  if (gaps.length === 0)
    add('ok', topic, `${why}; browser preflights from ${origins.join(', ')} are allowed and ETag is exposed`)
  else add('fail', topic, `${why}; browser preflights show: ${gaps.join('; ')}. ${STORE_CORS_ADVICE}`)
}
