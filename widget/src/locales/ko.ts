import type { Translation, WidgetStrings } from '../locale-pack.js'

// Korean has one plural form: Intl.PluralRules answers `other` for every count.
export const ko: Translation = {
  'kind.image': '이미지',
  'kind.video': '동영상',
  'kind.audio': '오디오 파일',
  'refused.type': '{name}을(를) 추가하지 않았습니다: 이 파일 형식은 허용되지 않습니다.',
  'refused.extension':
    '{name}을(를) 추가하지 않았습니다: .{extension}(으)로 끝나는 파일은 허용되지 않습니다.',
  'refused.size': '{name}을(를) 추가하지 않았습니다: {kind}의 한도는 {limit}입니다.',
  'refused.empty': '{name}을(를) 추가하지 않았습니다: 빈 파일입니다.',
  'refused.count.one': '{name}을(를) 추가하지 않았습니다: 파일은 하나만 업로드할 수 있습니다.',
  'refused.count.other': '{name}을(를) 추가하지 않았습니다: 파일은 최대 {limit}개까지 업로드할 수 있습니다.',
  'refused.content': '{name}을(를) 추가하지 않았습니다: 실제로는 이미지, 동영상, 오디오 파일이 아닙니다.',
  'refused.mismatch': '{name}을(를) 추가하지 않았습니다: 내용이 파일 형식과 맞지 않습니다.',
  'failed.one': '{name}을(를) 업로드하지 못했습니다: {reason}',
  'failed.many': '{names}을(를) 업로드하지 못했습니다: {reason}',
  'reason.network': '서버에 연결할 수 없습니다. 연결을 확인한 뒤 다시 시도하세요.',
  'reason.server': '서버에 문제가 생겼습니다. 잠시 후 다시 시도하세요.',
  'reason.busy': '동시에 진행 중인 업로드가 너무 많습니다. 1분 뒤 다시 시도하세요.',
  'reason.storeRefused': '저장소가 업로드 링크를 거부했습니다. 다시 시도하면 새 링크를 받습니다.',
  'reason.gone': '파일이 저장소에 도착하지 않았습니다. 다시 시도해 한 번 더 보내세요.',
  'reason.keyRefused':
    '이 사이트의 업로드 키가 허용되지 않습니다(취소되었거나 잘못 입력됨). 다시 시도해도 소용없습니다. 사이트 운영자에게 알려 주세요.',
  'reason.origin':
    '이 페이지 주소에서는 이 사이트의 키로 업로드할 수 없습니다. 다시 시도해도 소용없습니다. 사이트 운영자에게 알려 주세요.',
  'reason.tokenExpired': '업로드 권한이 만료되었습니다. 페이지를 새로 고치고 파일을 다시 추가하세요.',
  'reason.tokenInvalid': '업로드 권한이 유효하지 않습니다. 페이지를 새로 고치고 파일을 다시 추가하세요.',
  'reason.scope': '이 업로드는 허용되지 않습니다({msg}). 파일을 제거하세요.',
  'reason.tooLarge': '서버가 이렇게 큰 파일을 거부합니다. 제거하거나 더 작은 파일을 선택하세요.',
  'reason.type': '서버가 이 파일 형식을 허용하지 않습니다. 제거하세요.',
  'reason.mismatch': '서버가 내용이 형식과 맞지 않는다고 판단했습니다. 제거하세요.',
  'reason.media': '서버가 거부했습니다: {msg}. 제거하세요.',
  'reason.other': '서버 응답: “{msg}”. 다시 시도하거나 파일을 제거하세요.',
  'limits.group': '{kinds} 최대 {size}',
  'limits.count.one': '파일 1개',
  'limits.count.other': '최대 {count}개 파일',
  'ui.region': '파일 업로드',
  'ui.open': '파일 업로드',
  'ui.messages': '업로드 메시지',
  'ui.dismiss': '닫기',
  'ui.files': '파일',
  'ui.attached.one': '파일 {count}개 첨부됨',
  'ui.attached.other': '파일 {count}개 첨부됨',
  'ui.copied': '{name} 링크를 복사했습니다.',
  'ui.copyFailed': '링크를 복사하지 못했습니다: {url}',
  'ui.required': '파일을 업로드하세요.',
  'ui.waiting': '업로드가 끝나는 대로 양식이 전송됩니다.',
  'ui.failedFiles': '업로드되지 않음: {names}. 다시 시도하거나 제거한 뒤 양식을 다시 보내세요.',
}

const media = {
  image_too_small: '{name}은(는) {width} × {height} px입니다. 최소 {minSide} × {minSide} px이 필요합니다.',
  image_too_big: '{name}은(는) {width} × {height} px입니다. 최대 {maxSide} × {maxSide} px까지 허용됩니다.',
  image_aspect:
    '{name}은(는) {width} × {height} px입니다. 긴 변은 짧은 변의 최대 {maxAspect}배까지 허용됩니다.',
  image_too_many_pixels: '{name}은(는) {width} × {height} px입니다. 최대 {maxPixels}픽셀까지 허용됩니다.',
  media_too_short: '{name}의 길이는 {seconds}초입니다. 최소 {minSeconds}초가 필요합니다.',
  media_too_long: '{name}의 길이는 {seconds}초입니다. 최대 {maxSeconds}초까지 허용됩니다.',
}

const uppy = {
  dashboardTitle: '파일 업로드',
  dashboardWindowTitle: '파일 업로드 (Esc로 닫기)',
}

const resume = {
  list: '완료되지 않은 업로드',
  unfinished: '{name}: {percent}% 전송됨 — 계속하려면 파일을 다시 추가하세요',
  discard: '삭제',
  continuing: '{name}: 멈춘 곳부터 이어서 진행합니다 ({percent}% 전송 완료).',
  restarted: '{name}: 이전 업로드가 더 이상 저장소에 없어 처음부터 다시 시작합니다.',
  offline: '연결이 끊겼습니다. 업로드가 일시 중지되었으며 연결이 돌아오면 계속됩니다.',
  online: '연결이 돌아왔습니다. 업로드를 계속합니다.',
  continue: '계속',
  reopenDenied: '{name}: 파일을 읽을 권한이 주어지지 않았습니다. 계속하려면 파일을 다시 추가하세요.',
  reopenGone: '{name}을(를) 더 이상 읽을 수 없습니다(이동 또는 삭제됨). 계속하려면 파일을 다시 추가하세요.',
  reopenChanged:
    '{name}이(가) 업로드가 시작된 뒤 바뀌어 그 업로드를 계속할 수 없습니다. 처음부터 업로드하려면 다시 추가하세요.',
}

export default { messages: ko, media, resume, uppy } satisfies WidgetStrings
