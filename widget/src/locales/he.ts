import type { Translation, WidgetStrings } from '../locale-pack.js'

export const he: Translation = {
  'kind.image': 'תמונות',
  'kind.video': 'סרטונים',
  'kind.audio': 'קובצי שמע',
  'refused.type': '{name} לא נוסף: סוג הקובץ הזה אינו מתקבל.',
  'refused.extension': '{name} לא נוסף: קבצים שמסתיימים ב־‎.{extension} אינם מתקבלים.',
  'refused.size': '{name} לא נוסף: המגבלה ל{kind} היא {limit}.',
  'refused.empty': '{name} לא נוסף: הקובץ ריק.',
  'refused.count.one': '{name} לא נוסף: אפשר להעלות קובץ אחד בלבד.',
  'refused.count.two': '{name} לא נוסף: אפשר להעלות שני קבצים לכל היותר.',
  'refused.count.other': '{name} לא נוסף: אפשר להעלות {limit} קבצים לכל היותר.',
  'refused.content': '{name} לא נוסף: הוא אינו באמת תמונה, סרטון או קובץ שמע.',
  'refused.mismatch': '{name} לא נוסף: התוכן שלו אינו תואם את הסוג שלו.',
  'failed.one': 'לא ניתן היה להעלות את {name}: {reason}',
  'failed.many': 'לא ניתן היה להעלות את {names}: {reason}',
  'reason.network': 'אין גישה לשרת. בדקו את החיבור ונסו שוב.',
  'reason.server': 'אירעה בעיה בשרת. נסו שוב בעוד רגע.',
  'reason.busy': 'יותר מדי העלאות בבת אחת. נסו שוב בעוד דקה.',
  'reason.storeRefused': 'האחסון דחה את קישור ההעלאה. נסו שוב כדי לקבל קישור חדש.',
  'reason.gone': 'הקובץ לא הגיע לאחסון. נסו שוב כדי לשלוח אותו מחדש.',
  'reason.keyRefused':
    'מפתח ההעלאה של האתר אינו מתקבל (בוטל או הוקלד שגוי). ניסיון נוסף לא יעזור: פנו לבעלי האתר.',
  'reason.origin':
    'מהכתובת של הדף הזה אי אפשר להעלות עם המפתח של האתר. ניסיון נוסף לא יעזור: פנו לבעלי האתר.',
  'reason.tokenExpired': 'ההרשאה להעלאה פגה. טענו את הדף מחדש והוסיפו את הקובץ שוב.',
  'reason.tokenInvalid': 'ההרשאה להעלאה אינה תקפה. טענו את הדף מחדש והוסיפו את הקובץ שוב.',
  'reason.scope': 'ההעלאה הזו אינה מותרת ({msg}). הסירו את הקובץ.',
  'reason.tooLarge': 'השרת דוחה קבצים גדולים כל כך. הסירו אותו או בחרו קובץ קטן יותר.',
  'reason.type': 'השרת אינו מקבל את סוג הקובץ הזה. הסירו אותו.',
  'reason.mismatch': 'השרת מצא שהתוכן אינו תואם את הסוג. הסירו אותו.',
  'reason.media': 'השרת דוחה אותו: {msg}. הסירו אותו.',
  'reason.other': 'השרת ענה „{msg}”. נסו שוב או הסירו את הקובץ.',
  'limits.group': '{kinds} עד {size}',
  'limits.count.one': 'קובץ אחד',
  'limits.count.two': 'שני קבצים לכל היותר',
  'limits.count.other': '{count} קבצים לכל היותר',
  'ui.region': 'העלאת קבצים',
  'ui.open': 'העלאת קבצים',
  'ui.messages': 'הודעות העלאה',
  'ui.dismiss': 'סגירה',
  'ui.files': 'קבצים',
  'ui.attached.one': 'קובץ אחד מצורף',
  'ui.attached.two': 'שני קבצים מצורפים',
  'ui.attached.other': '{count} קבצים מצורפים',
  'ui.copied': 'הקישור אל {name} הועתק.',
  'ui.copyFailed': 'לא ניתן היה להעתיק את הקישור: {url}',
  'ui.required': 'נא להעלות קובץ.',
  'ui.waiting': 'הטופס יישלח ברגע שההעלאות יסתיימו.',
  'ui.failedFiles': 'לא הועלו: {names}. נסו שוב או הסירו אותם, ואז שלחו את הטופס שוב.',
}

const media = {
  image_too_small: '{name} בגודל {width} × {height} px; נדרש לפחות {minSide} × {minSide} px.',
  image_too_big: '{name} בגודל {width} × {height} px; מותר לכל היותר {maxSide} × {maxSide} px.',
  image_aspect:
    '{name} בגודל {width} × {height} px; הצלע הארוכה יכולה להיות לכל היותר פי {maxAspect} מהקצרה.',
  image_too_many_pixels: '{name} בגודל {width} × {height} px; מותרים לכל היותר {maxPixels} פיקסלים.',
  media_too_short: 'אורכו של {name} הוא {seconds} שנ׳; נדרשות לפחות {minSeconds} שנ׳.',
  media_too_long: 'אורכו של {name} הוא {seconds} שנ׳; מותרות לכל היותר {maxSeconds} שנ׳.',
}

const uppy = {
  dashboardTitle: 'העלאת קבצים',
  dashboardWindowTitle: 'העלאת קבצים (Esc לסגירה)',
}

const resume = {
  list: 'העלאות שלא הושלמו',
  unfinished: '{name}: נשלחו {percent}% — הוסיפו את הקובץ שוב כדי להמשיך',
  discard: 'ביטול',
  continuing: '{name}: ממשיך מהמקום שבו נעצר (כבר נשלחו {percent}%).',
  restarted: '{name}: ההעלאה הקודמת כבר לא נמצאת באחסון; היא מתחילה מההתחלה.',
  offline: 'החיבור אבד: ההעלאות מושהות ויימשכו כשהוא יחזור.',
  online: 'החיבור חזר: ההעלאות נמשכות.',
  continue: 'המשך',
  reopenDenied: '{name}: לא ניתנה הרשאה לקרוא את הקובץ; יש להוסיף את הקובץ שוב כדי להמשיך.',
  reopenGone: 'לא ניתן עוד לקרוא את {name} (הועבר או נמחק); יש להוסיף את הקובץ שוב כדי להמשיך.',
  reopenChanged:
    '{name} השתנה מאז שהחלה העלאתו, ולכן אי אפשר להמשיך אותה; יש להוסיף אותו שוב כדי להעלות אותו מחדש.',
}

export default { messages: he, media, resume, uppy } satisfies WidgetStrings
