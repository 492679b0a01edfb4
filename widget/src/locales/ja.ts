import type { Translation, WidgetStrings } from '../locale-pack.js'

// Japanese has one plural form: Intl.PluralRules answers `other` for every count.
export const ja: Translation = {
  'kind.image': '画像',
  'kind.video': '動画',
  'kind.audio': '音声ファイル',
  'refused.type': '{name} は追加されませんでした：この種類のファイルは受け付けていません。',
  'refused.extension': '{name} は追加されませんでした：拡張子 .{extension} のファイルは受け付けていません。',
  'refused.size': '{name} は追加されませんでした：{kind}の上限は {limit} です。',
  'refused.empty': '{name} は追加されませんでした：ファイルが空です。',
  'refused.count.one': '{name} は追加されませんでした：アップロードできるファイルは 1 つだけです。',
  'refused.count.other': '{name} は追加されませんでした：アップロードできるファイルは {limit} 個までです。',
  'refused.content': '{name} は追加されませんでした：実際には画像・動画・音声ファイルではありません。',
  'refused.mismatch': '{name} は追加されませんでした：内容がファイルの種類と一致しません。',
  'failed.one': '{name} をアップロードできませんでした：{reason}',
  'failed.many': '{names} をアップロードできませんでした：{reason}',
  'reason.network': 'サーバーに接続できません。接続を確認してから再試行してください。',
  'reason.server': 'サーバーで問題が発生しました。しばらくしてから再試行してください。',
  'reason.busy': '同時に行われているアップロードが多すぎます。1 分後に再試行してください。',
  'reason.storeRefused':
    'ストレージがアップロード用リンクを拒否しました。再試行すると新しいリンクを取得します。',
  'reason.gone': 'ファイルがストレージに届きませんでした。再試行してもう一度送信してください。',
  'reason.keyRefused':
    'このサイトのアップロードキーが受け付けられません（無効化されたか入力ミス）。再試行しても解決しません。サイトの管理者に連絡してください。',
  'reason.origin':
    'このページのアドレスからは、このサイトのキーでアップロードできません。再試行しても解決しません。サイトの管理者に連絡してください。',
  'reason.tokenExpired':
    'アップロードの許可が期限切れです。ページを再読み込みして、ファイルをもう一度追加してください。',
  'reason.tokenInvalid':
    'アップロードの許可が無効です。ページを再読み込みして、ファイルをもう一度追加してください。',
  'reason.scope': 'このアップロードは許可されていません（{msg}）。ファイルを削除してください。',
  'reason.tooLarge':
    'サーバーはこれほど大きなファイルを受け付けません。削除するか、小さいファイルを選んでください。',
  'reason.type': 'サーバーはこの種類のファイルを受け付けません。削除してください。',
  'reason.mismatch': 'サーバーが内容と種類の不一致を検出しました。削除してください。',
  'reason.media': 'サーバーに拒否されました：{msg}。削除してください。',
  'reason.other': 'サーバーの応答：「{msg}」。再試行するか、ファイルを削除してください。',
  'limits.group': '{kinds}は {size} まで',
  'limits.count.one': '1 ファイル',
  'limits.count.other': '最大 {count} ファイル',
  'ui.region': 'ファイルのアップロード',
  'ui.open': 'ファイルをアップロード',
  'ui.messages': 'アップロードのメッセージ',
  'ui.dismiss': '閉じる',
  'ui.files': 'ファイル',
  'ui.attached.one': '{count} 個のファイルを添付済み',
  'ui.attached.other': '{count} 個のファイルを添付済み',
  'ui.copied': '{name} のリンクをコピーしました。',
  'ui.copyFailed': 'リンクをコピーできませんでした：{url}',
  'ui.required': 'ファイルをアップロードしてください。',
  'ui.waiting': 'アップロードが終わり次第、フォームを送信します。',
  'ui.failedFiles': '未アップロード：{names}。再試行するか削除してから、もう一度フォームを送信してください。',
}

const media = {
  image_too_small: '{name} は {width} × {height} px です。{minSide} × {minSide} px 以上が必要です。',
  image_too_big: '{name} は {width} × {height} px です。{maxSide} × {maxSide} px までです。',
  image_aspect: '{name} は {width} × {height} px です。長辺は短辺の {maxAspect} 倍までです。',
  image_too_many_pixels: '{name} は {width} × {height} px です。{maxPixels} ピクセルまでです。',
  media_too_short: '{name} の長さは {seconds} 秒です。{minSeconds} 秒以上が必要です。',
  media_too_long: '{name} の長さは {seconds} 秒です。{maxSeconds} 秒までです。',
}

const uppy = {
  dashboardTitle: 'ファイルのアップロード',
  dashboardWindowTitle: 'ファイルのアップロード（Esc で閉じる）',
}

const resume = {
  list: '未完了のアップロード',
  unfinished: '{name}：{percent}% 送信済み — 続けるにはファイルをもう一度追加してください',
  discard: '破棄',
  continuing: '{name}：中断したところから再開します（{percent}% 送信済み）。',
  restarted: '{name}：以前のアップロードはストレージにありません。最初からやり直します。',
  offline: '接続が切れました。アップロードは一時停止し、接続が戻ると再開します。',
  online: '接続が戻りました。アップロードを再開します。',
  continue: '続ける',
  reopenDenied:
    '{name}: ファイルを読み取る許可が得られませんでした。続けるにはファイルをもう一度追加してください。',
  reopenGone:
    '{name} を読み取れなくなりました（移動または削除されました）。続けるにはファイルをもう一度追加してください。',
  reopenChanged:
    '{name} はアップロード開始後に変更されたため、そのアップロードは続けられません。最初からアップロードするにはもう一度追加してください。',
}

export default { messages: ja, media, resume, uppy } satisfies WidgetStrings
