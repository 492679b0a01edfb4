import type { Translation, WidgetStrings } from '../locale-pack.js'

export const nl: Translation = {
  'kind.image': 'afbeeldingen',
  'kind.video': 'video’s',
  'kind.audio': 'audiobestanden',
  'refused.type': '{name} is niet toegevoegd: dit bestandstype wordt niet geaccepteerd.',
  'refused.extension':
    '{name} is niet toegevoegd: bestanden die eindigen op .{extension} worden niet geaccepteerd.',
  'refused.size': '{name} is niet toegevoegd: de limiet voor {kind} is {limit}.',
  'refused.empty': '{name} is niet toegevoegd: het bestand is leeg.',
  'refused.count.one': '{name} is niet toegevoegd: er kan maar één bestand worden geüpload.',
  'refused.count.other': '{name} is niet toegevoegd: er kunnen maximaal {limit} bestanden worden geüpload.',
  'refused.content': '{name} is niet toegevoegd: het is niet echt een afbeelding, video of audiobestand.',
  'refused.mismatch': '{name} is niet toegevoegd: de inhoud past niet bij het type.',
  'failed.one': '{name} kon niet worden geüpload: {reason}',
  'failed.many': '{names} konden niet worden geüpload: {reason}',
  'reason.network': 'de server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.',
  'reason.server': 'de server had een probleem. Probeer het zo opnieuw.',
  'reason.busy': 'te veel uploads tegelijk. Probeer het over een minuut opnieuw.',
  'reason.storeRefused': 'de opslag weigerde de uploadlink. Probeer opnieuw om een nieuwe te krijgen.',
  'reason.gone': 'het bestand is niet in de opslag aangekomen. Probeer opnieuw om het nog eens te versturen.',
  'reason.keyRefused':
    'de uploadsleutel van deze site wordt niet geaccepteerd (ingetrokken of verkeerd getypt). Opnieuw proberen helpt niet: laat het de beheerder van de site weten.',
  'reason.origin':
    'vanaf het adres van deze pagina kan niet worden geüpload met de sleutel van deze site. Opnieuw proberen helpt niet: laat het de beheerder van de site weten.',
  'reason.tokenExpired':
    'de toestemming om te uploaden is verlopen. Laad de pagina opnieuw en voeg het bestand opnieuw toe.',
  'reason.tokenInvalid':
    'de toestemming om te uploaden is ongeldig. Laad de pagina opnieuw en voeg het bestand opnieuw toe.',
  'reason.scope': 'deze upload is niet toegestaan ({msg}). Verwijder het bestand.',
  'reason.tooLarge': 'de server weigert zulke grote bestanden. Verwijder het of kies een kleiner bestand.',
  'reason.type': 'de server accepteert dit bestandstype niet. Verwijder het.',
  'reason.mismatch': 'de server zag dat de inhoud niet bij het type past. Verwijder het.',
  'reason.media': 'de server weigert het: {msg}. Verwijder het.',
  'reason.other': 'de server antwoordde “{msg}”. Probeer het opnieuw of verwijder het bestand.',
  'limits.group': '{kinds} tot {size}',
  'limits.count.one': 'één bestand',
  'limits.count.other': 'maximaal {count} bestanden',
  'ui.region': 'Bestanden uploaden',
  'ui.open': 'Bestanden uploaden',
  'ui.messages': 'Uploadmeldingen',
  'ui.dismiss': 'Sluiten',
  'ui.files': 'Bestanden',
  'ui.attached.one': '1 bestand bijgevoegd',
  'ui.attached.other': '{count} bestanden bijgevoegd',
  'ui.copied': 'Link naar {name} gekopieerd.',
  'ui.copyFailed': 'De link kon niet worden gekopieerd: {url}',
  'ui.required': 'Upload een bestand.',
  'ui.waiting': 'Het formulier wordt verstuurd zodra de uploads klaar zijn.',
  'ui.failedFiles':
    'Niet geüpload: {names}. Probeer opnieuw of verwijder ze en verstuur het formulier nogmaals.',
}

const media = {
  image_too_small: '{name} is {width} × {height} px; minstens {minSide} × {minSide} px is nodig.',
  image_too_big: '{name} is {width} × {height} px; maximaal {maxSide} × {maxSide} px is toegestaan.',
  image_aspect:
    '{name} is {width} × {height} px; de lange zijde mag hoogstens {maxAspect} keer zo lang zijn als de korte.',
  image_too_many_pixels: '{name} is {width} × {height} px; maximaal {maxPixels} pixels zijn toegestaan.',
  media_too_short: '{name} duurt {seconds} s; minstens {minSeconds} s is nodig.',
  media_too_long: '{name} duurt {seconds} s; maximaal {maxSeconds} s is toegestaan.',
}

const uppy = {
  dashboardTitle: 'Bestanden uploaden',
  dashboardWindowTitle: 'Bestanden uploaden (Esc sluit)',
}

const resume = {
  list: 'Onvoltooide uploads',
  unfinished: '{name}: {percent}% verzonden — voeg het bestand opnieuw toe om verder te gaan',
  discard: 'Verwijderen',
  continuing: '{name}: gaat verder waar het gebleven was ({percent}% al verzonden).',
  restarted: '{name}: de eerdere upload staat niet meer in de opslag; hij begint opnieuw vanaf het begin.',
  offline: 'De verbinding is weggevallen: uploads zijn gepauzeerd en gaan verder zodra ze terug is.',
  online: 'De verbinding is terug: uploads gaan verder.',
  continue: 'Doorgaan',
  reopenDenied:
    '{name}: er is geen toestemming gegeven om het bestand te lezen; voeg het bestand opnieuw toe om door te gaan.',
  reopenGone:
    '{name} kan niet meer gelezen worden (verplaatst of verwijderd); voeg het bestand opnieuw toe om door te gaan.',
  reopenChanged:
    '{name} is veranderd sinds de upload begon, dus die upload kan niet verder; voeg het opnieuw toe om het opnieuw te uploaden.',
}

export default { messages: nl, media, resume, uppy } satisfies WidgetStrings
