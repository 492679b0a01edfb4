import type { Translation, WidgetStrings } from '../locale-pack.js'

// Chinese has one plural form: Intl.PluralRules answers `other` for every count.
export const zhCN: Translation = {
  'kind.image': '图片',
  'kind.video': '视频',
  'kind.audio': '音频文件',
  'refused.type': '未添加 {name}：不接受此类型的文件。',
  'refused.extension': '未添加 {name}：不接受以 .{extension} 结尾的文件。',
  'refused.size': '未添加 {name}：{kind}的上限为 {limit}。',
  'refused.empty': '未添加 {name}：文件为空。',
  'refused.count.one': '未添加 {name}：只能上传一个文件。',
  'refused.count.other': '未添加 {name}：最多只能上传 {limit} 个文件。',
  'refused.content': '未添加 {name}：它并不是真正的图片、视频或音频文件。',
  'refused.mismatch': '未添加 {name}：其内容与类型不符。',
  'failed.one': '{name} 无法上传：{reason}',
  'failed.many': '{names} 无法上传：{reason}',
  'reason.network': '无法连接服务器。请检查网络连接后重试。',
  'reason.server': '服务器出现问题。请稍后重试。',
  'reason.busy': '同时上传的文件过多。请一分钟后重试。',
  'reason.storeRefused': '存储拒绝了上传链接。重试即可获取新链接。',
  'reason.gone': '文件未到达存储。请重试以重新发送。',
  'reason.keyRefused': '此网站的上传密钥未被接受（已撤销或输入有误）。重试无济于事：请告知网站所有者。',
  'reason.origin': '此页面的地址不能使用此网站的密钥上传。重试无济于事：请告知网站所有者。',
  'reason.tokenExpired': '上传许可已过期。请刷新页面并重新添加文件。',
  'reason.tokenInvalid': '上传许可无效。请刷新页面并重新添加文件。',
  'reason.scope': '不允许此次上传（{msg}）。请移除该文件。',
  'reason.tooLarge': '服务器拒绝这么大的文件。请移除它或选择更小的文件。',
  'reason.type': '服务器不接受此类型的文件。请移除它。',
  'reason.mismatch': '服务器发现其内容与类型不符。请移除它。',
  'reason.media': '服务器拒绝了它：{msg}。请移除它。',
  'reason.other': '服务器回复“{msg}”。请重试或移除该文件。',
  'limits.group': '{kinds}最大 {size}',
  'limits.count.one': '一个文件',
  'limits.count.other': '最多 {count} 个文件',
  'ui.region': '文件上传',
  'ui.open': '上传文件',
  'ui.messages': '上传消息',
  'ui.dismiss': '关闭',
  'ui.files': '文件',
  'ui.attached.one': '已附加 {count} 个文件',
  'ui.attached.other': '已附加 {count} 个文件',
  'ui.copied': '已复制 {name} 的链接。',
  'ui.copyFailed': '无法复制链接：{url}',
  'ui.required': '请上传一个文件。',
  'ui.waiting': '上传完成后将立即提交表单。',
  'ui.failedFiles': '未上传：{names}。请重试或移除它们，然后重新提交表单。',
}

const media = {
  image_too_small: '{name} 为 {width} × {height} px；至少需要 {minSide} × {minSide} px。',
  image_too_big: '{name} 为 {width} × {height} px；最多允许 {maxSide} × {maxSide} px。',
  image_aspect: '{name} 为 {width} × {height} px；长边最多只能是短边的 {maxAspect} 倍。',
  image_too_many_pixels: '{name} 为 {width} × {height} px；最多允许 {maxPixels} 像素。',
  media_too_short: '{name} 时长 {seconds} 秒；至少需要 {minSeconds} 秒。',
  media_too_long: '{name} 时长 {seconds} 秒；最多允许 {maxSeconds} 秒。',
}

const uppy = {
  dashboardTitle: '文件上传',
  dashboardWindowTitle: '文件上传（按 Esc 关闭）',
}

const resume = {
  list: '未完成的上传',
  unfinished: '{name}：已发送 {percent}% — 再次添加该文件即可继续',
  discard: '放弃',
  continuing: '{name}：从中断处继续（已发送 {percent}%）。',
  restarted: '{name}：之前的上传已不在存储中，将从头开始。',
  offline: '连接已断开：上传已暂停，连接恢复后将继续。',
  online: '连接已恢复：上传继续。',
  continue: '继续',
  reopenDenied: '{name}：未获得读取该文件的权限；请重新添加文件以继续。',
  reopenGone: '{name} 已无法读取（已移动或删除）；请重新添加文件以继续。',
  reopenChanged: '{name} 在上传开始后已被更改，无法继续那次上传；请重新添加以从头上传。',
}

export default { messages: zhCN, media, resume, uppy } satisfies WidgetStrings
