import type { Translation, WidgetStrings } from '../locale-pack.js'

// Arabic counts in six plural categories (zero, one, two, few, many, other), all given here.
export const ar: Translation = {
  'kind.image': 'الصور',
  'kind.video': 'الفيديوهات',
  'kind.audio': 'الملفات الصوتية',
  'refused.type': 'لم تتم إضافة {name}: هذا النوع من الملفات غير مقبول.',
  'refused.extension': 'لم تتم إضافة {name}: الملفات المنتهية بـ ‎.{extension} غير مقبولة.',
  'refused.size': 'لم تتم إضافة {name}: الحد الأقصى لـ{kind} هو {limit}.',
  'refused.empty': 'لم تتم إضافة {name}: الملف فارغ.',
  'refused.count.zero': 'لم تتم إضافة {name}: لا يمكن رفع أي ملف.',
  'refused.count.one': 'لم تتم إضافة {name}: يمكن رفع ملف واحد فقط.',
  'refused.count.two': 'لم تتم إضافة {name}: يمكن رفع ملفين على الأكثر.',
  'refused.count.few': 'لم تتم إضافة {name}: يمكن رفع {limit} ملفات على الأكثر.',
  'refused.count.many': 'لم تتم إضافة {name}: يمكن رفع {limit} ملفًا على الأكثر.',
  'refused.count.other': 'لم تتم إضافة {name}: يمكن رفع {limit} ملف على الأكثر.',
  'refused.content': 'لم تتم إضافة {name}: ليس صورة أو فيديو أو ملفًا صوتيًا حقًا.',
  'refused.mismatch': 'لم تتم إضافة {name}: محتواه لا يطابق نوعه.',
  'failed.one': 'تعذّر رفع {name}: {reason}',
  'failed.many': 'تعذّر رفع {names}: {reason}',
  'reason.network': 'تعذّر الوصول إلى الخادم. تحقّق من الاتصال ثم أعد المحاولة.',
  'reason.server': 'واجه الخادم مشكلة. أعد المحاولة بعد قليل.',
  'reason.busy': 'عمليات رفع كثيرة في وقت واحد. أعد المحاولة بعد دقيقة.',
  'reason.storeRefused': 'رفض التخزين رابط الرفع. أعد المحاولة للحصول على رابط جديد.',
  'reason.gone': 'لم يصل الملف إلى التخزين. أعد المحاولة لإرساله مرة أخرى.',
  'reason.keyRefused':
    'مفتاح الرفع الخاص بهذا الموقع غير مقبول (أُلغي أو كُتب بشكل خاطئ). لن تفيد إعادة المحاولة: أبلغ مالك الموقع.',
  'reason.origin':
    'لا يمكن لعنوان هذه الصفحة الرفع باستخدام مفتاح هذا الموقع. لن تفيد إعادة المحاولة: أبلغ مالك الموقع.',
  'reason.tokenExpired': 'انتهت صلاحية إذن الرفع. أعد تحميل الصفحة وأضف الملف مرة أخرى.',
  'reason.tokenInvalid': 'إذن الرفع غير صالح. أعد تحميل الصفحة وأضف الملف مرة أخرى.',
  'reason.scope': 'هذا الرفع غير مسموح به ({msg}). أزل الملف.',
  'reason.tooLarge': 'يرفض الخادم الملفات بهذا الحجم. أزله أو اختر ملفًا أصغر.',
  'reason.type': 'لا يقبل الخادم هذا النوع من الملفات. أزله.',
  'reason.mismatch': 'وجد الخادم أن محتواه لا يطابق نوعه. أزله.',
  'reason.media': 'يرفضه الخادم: {msg}. أزله.',
  'reason.other': 'أجاب الخادم: «{msg}». أعد المحاولة أو أزل الملف.',
  'limits.group': '{kinds} حتى {size}',
  'limits.count.zero': 'لا ملفات',
  'limits.count.one': 'ملف واحد',
  'limits.count.two': 'ملفان على الأكثر',
  'limits.count.few': '{count} ملفات على الأكثر',
  'limits.count.many': '{count} ملفًا على الأكثر',
  'limits.count.other': '{count} ملف على الأكثر',
  'ui.region': 'رفع الملفات',
  'ui.open': 'رفع ملفات',
  'ui.messages': 'رسائل الرفع',
  'ui.dismiss': 'إغلاق',
  'ui.files': 'الملفات',
  'ui.attached.zero': 'لا ملفات مرفقة',
  'ui.attached.one': 'ملف واحد مرفق',
  'ui.attached.two': 'ملفان مرفقان',
  'ui.attached.few': '{count} ملفات مرفقة',
  'ui.attached.many': '{count} ملفًا مرفقًا',
  'ui.attached.other': '{count} ملف مرفق',
  'ui.copied': 'تم نسخ رابط {name}.',
  'ui.copyFailed': 'تعذّر نسخ الرابط: {url}',
  'ui.required': 'يُرجى رفع ملف.',
  'ui.waiting': 'سيُرسل النموذج فور انتهاء عمليات الرفع.',
  'ui.failedFiles': 'لم يُرفع: {names}. أعد المحاولة أو أزلها، ثم أرسل النموذج مرة أخرى.',
}

const media = {
  image_too_small: 'أبعاد {name} هي {width} × {height} px؛ المطلوب {minSide} × {minSide} px على الأقل.',
  image_too_big: 'أبعاد {name} هي {width} × {height} px؛ المسموح {maxSide} × {maxSide} px على الأكثر.',
  image_aspect:
    'أبعاد {name} هي {width} × {height} px؛ يجوز أن يكون الضلع الطويل {maxAspect} أضعاف الضلع القصير على الأكثر.',
  image_too_many_pixels: 'أبعاد {name} هي {width} × {height} px؛ المسموح {maxPixels} بكسل على الأكثر.',
  media_too_short: 'مدة {name} هي {seconds} ث؛ المطلوب {minSeconds} ث على الأقل.',
  media_too_long: 'مدة {name} هي {seconds} ث؛ المسموح {maxSeconds} ث على الأكثر.',
}

// ar_SA's drop zone sentence puts "or" first ("او اسحب الملفات هنا تصفح"): one sentence here.
const uppy = {
  dropPasteFiles: 'اسحب الملفات إلى هنا أو الصقها، أو %{browseFiles}',
  browseFiles: 'اخترها من جهازك',
  dashboardTitle: 'رفع الملفات',
  dashboardWindowTitle: 'رفع الملفات (Esc للإغلاق)',
}

const resume = {
  list: 'عمليات رفع غير مكتملة',
  unfinished: '{name}: أُرسل {percent}% — أضف الملف مرة أخرى للمتابعة',
  discard: 'تجاهل',
  continuing: '{name}: يُستأنف من حيث توقف (أُرسل {percent}% بالفعل).',
  restarted: '{name}: لم يعد الرفع السابق موجودًا في التخزين؛ سيبدأ من جديد.',
  offline: 'انقطع الاتصال: عمليات الرفع متوقفة مؤقتًا وستُستأنف عند عودته.',
  online: 'عاد الاتصال: تُستأنف عمليات الرفع.',
  continue: 'متابعة',
  reopenDenied: '{name}: لم يُمنح إذن قراءة الملف؛ أضف الملف مرة أخرى للمتابعة.',
  reopenGone: 'لم يعد من الممكن قراءة {name} (نُقل أو حُذف)؛ أضف الملف مرة أخرى للمتابعة.',
  reopenChanged: 'تغيّر {name} منذ بدء رفعه، فلا يمكن متابعة ذلك الرفع؛ أضفه مرة أخرى لرفعه من جديد.',
}

export default { messages: ar, media, resume, uppy } satisfies WidgetStrings
