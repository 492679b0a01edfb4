import type { Translation, WidgetStrings } from '../locale-pack.js'

// Chinese has one plural form: Intl.PluralRules answers `other` for every count.
export const zhTW: Translation = {
  'kind.image': '圖片',
  'kind.video': '影片',
  'kind.audio': '音訊檔案',
  'refused.type': '未新增 {name}：不接受此類型的檔案。',
  'refused.extension': '未新增 {name}：不接受以 .{extension} 結尾的檔案。',
  'refused.size': '未新增 {name}：{kind}的上限為 {limit}。',
  'refused.empty': '未新增 {name}：檔案是空的。',
  'refused.count.one': '未新增 {name}：只能上傳一個檔案。',
  'refused.count.other': '未新增 {name}：最多只能上傳 {limit} 個檔案。',
  'refused.content': '未新增 {name}：它並不是真正的圖片、影片或音訊檔案。',
  'refused.mismatch': '未新增 {name}：其內容與類型不符。',
  'failed.one': '{name} 無法上傳：{reason}',
  'failed.many': '{names} 無法上傳：{reason}',
  'reason.network': '無法連線到伺服器。請檢查網路連線後再試一次。',
  'reason.server': '伺服器發生問題。請稍後再試。',
  'reason.busy': '同時上傳的檔案太多。請一分鐘後再試。',
  'reason.storeRefused': '儲存空間拒絕了上傳連結。再試一次即可取得新連結。',
  'reason.gone': '檔案沒有抵達儲存空間。請再試一次以重新傳送。',
  'reason.keyRefused': '此網站的上傳金鑰未被接受（已撤銷或輸入錯誤）。再試也沒有用：請通知網站擁有者。',
  'reason.origin': '此頁面的網址無法使用此網站的金鑰上傳。再試也沒有用：請通知網站擁有者。',
  'reason.tokenExpired': '上傳許可已過期。請重新載入頁面並再次新增檔案。',
  'reason.tokenInvalid': '上傳許可無效。請重新載入頁面並再次新增檔案。',
  'reason.scope': '不允許這次上傳（{msg}）。請移除該檔案。',
  'reason.tooLarge': '伺服器拒絕這麼大的檔案。請移除它或選擇較小的檔案。',
  'reason.type': '伺服器不接受此類型的檔案。請移除它。',
  'reason.mismatch': '伺服器發現其內容與類型不符。請移除它。',
  'reason.media': '伺服器拒絕了它：{msg}。請移除它。',
  'reason.other': '伺服器回覆「{msg}」。請再試一次或移除該檔案。',
  'limits.group': '{kinds}最大 {size}',
  'limits.count.one': '一個檔案',
  'limits.count.other': '最多 {count} 個檔案',
  'ui.region': '檔案上傳',
  'ui.open': '上傳檔案',
  'ui.messages': '上傳訊息',
  'ui.dismiss': '關閉',
  'ui.files': '檔案',
  'ui.attached.one': '已附加 {count} 個檔案',
  'ui.attached.other': '已附加 {count} 個檔案',
  'ui.copied': '已複製 {name} 的連結。',
  'ui.copyFailed': '無法複製連結：{url}',
  'ui.required': '請上傳一個檔案。',
  'ui.waiting': '上傳完成後會立即送出表單。',
  'ui.failedFiles': '未上傳：{names}。請再試一次或移除它們，然後重新送出表單。',
}

const media = {
  image_too_small: '{name} 為 {width} × {height} px；至少需要 {minSide} × {minSide} px。',
  image_too_big: '{name} 為 {width} × {height} px；最多允許 {maxSide} × {maxSide} px。',
  image_aspect: '{name} 為 {width} × {height} px；長邊最多只能是短邊的 {maxAspect} 倍。',
  image_too_many_pixels: '{name} 為 {width} × {height} px；最多允許 {maxPixels} 像素。',
  media_too_short: '{name} 長度 {seconds} 秒；至少需要 {minSeconds} 秒。',
  media_too_long: '{name} 長度 {seconds} 秒；最多允許 {maxSeconds} 秒。',
}

const uppy = {
  dashboardTitle: '檔案上傳',
  dashboardWindowTitle: '檔案上傳（按 Esc 關閉）',
}

const resume = {
  list: '未完成的上傳',
  unfinished: '{name}：已傳送 {percent}% — 再次加入該檔案即可繼續',
  discard: '捨棄',
  continuing: '{name}：從中斷處繼續（已傳送 {percent}%）。',
  restarted: '{name}：先前的上傳已不在儲存空間中，將從頭開始。',
  offline: '連線已中斷：上傳已暫停，連線恢復後將繼續。',
  online: '連線已恢復：上傳繼續。',
  continue: '繼續',
  reopenDenied: '{name}：未取得讀取該檔案的權限；請重新加入檔案以繼續。',
  reopenGone: '{name} 已無法讀取（已移動或刪除）；請重新加入檔案以繼續。',
  reopenChanged: '{name} 在上傳開始後已變更，無法繼續那次上傳；請重新加入以從頭上傳。',
}

export default { messages: zhTW, media, resume, uppy } satisfies WidgetStrings
