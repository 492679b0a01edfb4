import type { Translation, WidgetStrings } from '../locale-pack.js'

// Vietnamese has one plural form: Intl.PluralRules answers `other` for every count.
export const vi: Translation = {
  'kind.image': 'hình ảnh',
  'kind.video': 'video',
  'kind.audio': 'tệp âm thanh',
  'refused.type': 'Chưa thêm {name}: loại tệp này không được chấp nhận.',
  'refused.extension': 'Chưa thêm {name}: tệp có đuôi .{extension} không được chấp nhận.',
  'refused.size': 'Chưa thêm {name}: giới hạn cho {kind} là {limit}.',
  'refused.empty': 'Chưa thêm {name}: tệp trống.',
  'refused.count.one': 'Chưa thêm {name}: chỉ có thể tải lên một tệp.',
  'refused.count.other': 'Chưa thêm {name}: chỉ có thể tải lên tối đa {limit} tệp.',
  'refused.content': 'Chưa thêm {name}: đây thực ra không phải hình ảnh, video hay tệp âm thanh.',
  'refused.mismatch': 'Chưa thêm {name}: nội dung không khớp với loại tệp.',
  'failed.one': 'Không thể tải lên {name}: {reason}',
  'failed.many': 'Không thể tải lên {names}: {reason}',
  'reason.network': 'không kết nối được máy chủ. Hãy kiểm tra kết nối rồi thử lại.',
  'reason.server': 'máy chủ gặp sự cố. Hãy thử lại sau giây lát.',
  'reason.busy': 'có quá nhiều lượt tải lên cùng lúc. Hãy thử lại sau một phút.',
  'reason.storeRefused': 'kho lưu trữ đã từ chối liên kết tải lên. Hãy thử lại để nhận liên kết mới.',
  'reason.gone': 'tệp chưa đến được kho lưu trữ. Hãy thử lại để gửi lại.',
  'reason.keyRefused':
    'khóa tải lên của trang này không được chấp nhận (đã bị thu hồi hoặc nhập sai). Thử lại cũng không giúp được: hãy báo cho chủ trang.',
  'reason.origin':
    'địa chỉ của trang này không được phép tải lên bằng khóa của trang. Thử lại cũng không giúp được: hãy báo cho chủ trang.',
  'reason.tokenExpired': 'quyền tải lên đã hết hạn. Hãy tải lại trang và thêm tệp lần nữa.',
  'reason.tokenInvalid': 'quyền tải lên không hợp lệ. Hãy tải lại trang và thêm tệp lần nữa.',
  'reason.scope': 'lượt tải lên này không được phép ({msg}). Hãy xóa tệp.',
  'reason.tooLarge': 'máy chủ từ chối tệp lớn như vậy. Hãy xóa tệp hoặc chọn tệp nhỏ hơn.',
  'reason.type': 'máy chủ không chấp nhận loại tệp này. Hãy xóa tệp.',
  'reason.mismatch': 'máy chủ thấy nội dung không khớp với loại tệp. Hãy xóa tệp.',
  'reason.media': 'máy chủ từ chối tệp: {msg}. Hãy xóa tệp.',
  'reason.other': 'máy chủ trả lời “{msg}”. Hãy thử lại hoặc xóa tệp.',
  'limits.group': '{kinds} tối đa {size}',
  'limits.count.one': 'một tệp',
  'limits.count.other': 'tối đa {count} tệp',
  'ui.region': 'Tải tệp lên',
  'ui.open': 'Tải tệp lên',
  'ui.messages': 'Thông báo tải lên',
  'ui.dismiss': 'Đóng',
  'ui.files': 'Tệp',
  'ui.attached.one': 'Đã đính kèm {count} tệp',
  'ui.attached.other': 'Đã đính kèm {count} tệp',
  'ui.copied': 'Đã sao chép liên kết tới {name}.',
  'ui.copyFailed': 'Không thể sao chép liên kết: {url}',
  'ui.required': 'Vui lòng tải lên một tệp.',
  'ui.waiting': 'Biểu mẫu sẽ được gửi ngay khi tải lên xong.',
  'ui.failedFiles': 'Chưa tải lên: {names}. Hãy thử lại hoặc xóa chúng, rồi gửi lại biểu mẫu.',
}

const media = {
  image_too_small: '{name} có kích thước {width} × {height} px; cần tối thiểu {minSide} × {minSide} px.',
  image_too_big: '{name} có kích thước {width} × {height} px; cho phép tối đa {maxSide} × {maxSide} px.',
  image_aspect:
    '{name} có kích thước {width} × {height} px; cạnh dài chỉ được dài tối đa gấp {maxAspect} lần cạnh ngắn.',
  image_too_many_pixels: '{name} có kích thước {width} × {height} px; cho phép tối đa {maxPixels} điểm ảnh.',
  media_too_short: '{name} dài {seconds} giây; cần tối thiểu {minSeconds} giây.',
  media_too_long: '{name} dài {seconds} giây; cho phép tối đa {maxSeconds} giây.',
}

const uppy = {
  dashboardTitle: 'Tải tệp lên',
  dashboardWindowTitle: 'Tải tệp lên (Esc để đóng)',
}

const resume = {
  list: 'Tải lên chưa hoàn tất',
  unfinished: '{name}: đã gửi {percent}% — thêm lại tệp để tiếp tục',
  discard: 'Bỏ',
  continuing: '{name}: tiếp tục từ chỗ đã dừng (đã gửi {percent}%).',
  restarted: '{name}: lần tải lên trước không còn trong bộ nhớ lưu trữ; bắt đầu lại từ đầu.',
  offline: 'Mất kết nối: các tệp tải lên tạm dừng và sẽ tiếp tục khi có kết nối lại.',
  online: 'Đã có kết nối lại: tiếp tục tải lên.',
  continue: 'Tiếp tục',
  reopenDenied: '{name}: chưa được cấp quyền đọc tệp; hãy thêm lại tệp để tiếp tục.',
  reopenGone: 'Không thể đọc {name} nữa (đã bị di chuyển hoặc xóa); hãy thêm lại tệp để tiếp tục.',
  reopenChanged:
    '{name} đã thay đổi kể từ khi bắt đầu tải lên nên không thể tiếp tục lần tải đó; hãy thêm lại để tải lên từ đầu.',
}

export default { messages: vi, media, resume, uppy } satisfies WidgetStrings
