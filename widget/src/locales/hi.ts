import type { Translation, WidgetStrings } from '../locale-pack.js'

// Hindi's `one` category holds 0 and 1: its plural strings carry the number.
export const hi: Translation = {
  'kind.image': 'चित्रों',
  'kind.video': 'वीडियो',
  'kind.audio': 'ऑडियो फ़ाइलों',
  'refused.type': '{name} नहीं जोड़ी गई: इस प्रकार की फ़ाइल स्वीकार नहीं की जाती।',
  'refused.extension': '{name} नहीं जोड़ी गई: .{extension} पर ख़त्म होने वाली फ़ाइलें स्वीकार नहीं की जातीं।',
  'refused.size': '{name} नहीं जोड़ी गई: {kind} की सीमा {limit} है।',
  'refused.empty': '{name} नहीं जोड़ी गई: फ़ाइल ख़ाली है।',
  'refused.count.one': '{name} नहीं जोड़ी गई: ज़्यादा से ज़्यादा {limit} फ़ाइल अपलोड की जा सकती है।',
  'refused.count.other': '{name} नहीं जोड़ी गई: ज़्यादा से ज़्यादा {limit} फ़ाइलें अपलोड की जा सकती हैं।',
  'refused.content': '{name} नहीं जोड़ी गई: यह असल में चित्र, वीडियो या ऑडियो फ़ाइल नहीं है।',
  'refused.mismatch': '{name} नहीं जोड़ी गई: इसकी सामग्री इसके प्रकार से मेल नहीं खाती।',
  'failed.one': '{name} अपलोड नहीं हो सकी: {reason}',
  'failed.many': '{names} अपलोड नहीं हो सकीं: {reason}',
  'reason.network': 'सर्वर तक पहुँचा नहीं जा सका। कनेक्शन जाँचें, फिर दोबारा कोशिश करें।',
  'reason.server': 'सर्वर में कोई समस्या हुई। थोड़ी देर में दोबारा कोशिश करें।',
  'reason.busy': 'एक साथ बहुत ज़्यादा अपलोड हो रहे हैं। एक मिनट बाद दोबारा कोशिश करें।',
  'reason.storeRefused': 'स्टोरेज ने अपलोड लिंक अस्वीकार कर दिया। नया लिंक पाने के लिए दोबारा कोशिश करें।',
  'reason.gone': 'फ़ाइल स्टोरेज तक नहीं पहुँची। इसे फिर से भेजने के लिए दोबारा कोशिश करें।',
  'reason.keyRefused':
    'इस साइट की अपलोड कुंजी स्वीकार नहीं है (रद्द की गई या ग़लत टाइप की गई)। दोबारा कोशिश करने से कुछ नहीं होगा: साइट के मालिक को बताएँ।',
  'reason.origin':
    'इस पेज के पते से इस साइट की कुंजी के साथ अपलोड नहीं किया जा सकता। दोबारा कोशिश करने से कुछ नहीं होगा: साइट के मालिक को बताएँ।',
  'reason.tokenExpired': 'अपलोड की अनुमति की अवधि ख़त्म हो गई है। पेज रीलोड करें और फ़ाइल फिर से जोड़ें।',
  'reason.tokenInvalid': 'अपलोड की अनुमति मान्य नहीं है। पेज रीलोड करें और फ़ाइल फिर से जोड़ें।',
  'reason.scope': 'इस अपलोड की अनुमति नहीं है ({msg})। फ़ाइल हटाएँ।',
  'reason.tooLarge': 'सर्वर इतनी बड़ी फ़ाइलें अस्वीकार करता है। इसे हटाएँ या छोटी फ़ाइल चुनें।',
  'reason.type': 'सर्वर इस प्रकार की फ़ाइल स्वीकार नहीं करता। इसे हटाएँ।',
  'reason.mismatch': 'सर्वर ने पाया कि इसकी सामग्री इसके प्रकार से मेल नहीं खाती। इसे हटाएँ।',
  'reason.media': 'सर्वर इसे अस्वीकार करता है: {msg}। इसे हटाएँ।',
  'reason.other': 'सर्वर का जवाब: “{msg}”। दोबारा कोशिश करें या फ़ाइल हटाएँ।',
  'limits.group': '{kinds} के लिए {size} तक',
  'limits.count.one': 'ज़्यादा से ज़्यादा {count} फ़ाइल',
  'limits.count.other': 'ज़्यादा से ज़्यादा {count} फ़ाइलें',
  'ui.region': 'फ़ाइल अपलोड',
  'ui.open': 'फ़ाइलें अपलोड करें',
  'ui.messages': 'अपलोड संदेश',
  'ui.dismiss': 'बंद करें',
  'ui.files': 'फ़ाइलें',
  'ui.attached.one': '{count} फ़ाइल संलग्न',
  'ui.attached.other': '{count} फ़ाइलें संलग्न',
  'ui.copied': '{name} का लिंक कॉपी हो गया।',
  'ui.copyFailed': 'लिंक कॉपी नहीं हो सका: {url}',
  'ui.required': 'कृपया एक फ़ाइल अपलोड करें।',
  'ui.waiting': 'अपलोड पूरे होते ही फ़ॉर्म भेज दिया जाएगा।',
  'ui.failedFiles': 'अपलोड नहीं हुईं: {names}। दोबारा कोशिश करें या उन्हें हटाएँ, फिर फ़ॉर्म दोबारा भेजें।',
}

const media = {
  image_too_small: '{name} {width} × {height} px की है; कम से कम {minSide} × {minSide} px चाहिए।',
  image_too_big: '{name} {width} × {height} px की है; ज़्यादा से ज़्यादा {maxSide} × {maxSide} px की अनुमति है।',
  image_aspect:
    '{name} {width} × {height} px की है; लंबी भुजा छोटी भुजा से ज़्यादा से ज़्यादा {maxAspect} गुना हो सकती है।',
  image_too_many_pixels: '{name} {width} × {height} px की है; ज़्यादा से ज़्यादा {maxPixels} पिक्सेल की अनुमति है।',
  media_too_short: '{name} {seconds} सेकंड की है; कम से कम {minSeconds} सेकंड चाहिए।',
  media_too_long: '{name} {seconds} सेकंड की है; ज़्यादा से ज़्यादा {maxSeconds} सेकंड की अनुमति है।',
}

const uppy = {
  dashboardTitle: 'फ़ाइल अपलोड',
  dashboardWindowTitle: 'फ़ाइल अपलोड (बंद करने के लिए Esc)',
}

const resume = {
  list: 'अधूरे अपलोड',
  unfinished: '{name}: {percent}% भेजा गया — जारी रखने के लिए फ़ाइल फिर से जोड़ें',
  discard: 'हटाएँ',
  continuing: '{name}: जहाँ रुका था वहीं से जारी ({percent}% पहले ही भेजा जा चुका है)।',
  restarted: '{name}: पिछला अपलोड अब स्टोरेज में नहीं है; यह शुरू से फिर शुरू होगा।',
  offline: 'कनेक्शन टूट गया: अपलोड रुके हुए हैं और कनेक्शन लौटने पर जारी रहेंगे।',
  online: 'कनेक्शन वापस आ गया: अपलोड जारी हैं।',
  continue: 'जारी रखें',
  reopenDenied: '{name}: फ़ाइल पढ़ने की अनुमति नहीं दी गई; जारी रखने के लिए फ़ाइल फिर से जोड़ें।',
  reopenGone: '{name} अब पढ़ी नहीं जा सकती (हटाई या स्थानांतरित की गई); जारी रखने के लिए फ़ाइल फिर से जोड़ें।',
  reopenChanged:
    '{name} अपलोड शुरू होने के बाद से बदल गई है, इसलिए वह अपलोड जारी नहीं रह सकता; इसे नए सिरे से अपलोड करने के लिए फिर से जोड़ें।',
}

export default { messages: hi, media, resume, uppy } satisfies WidgetStrings
