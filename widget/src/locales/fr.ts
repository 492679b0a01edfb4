import type { Translation, WidgetStrings } from '../locale-pack.js'

export const fr: Translation = {
  'kind.image': 'images',
  'kind.video': 'vidéos',
  'kind.audio': 'fichiers audio',
  'refused.type': '{name} n’a pas été ajouté : ce type de fichier n’est pas accepté.',
  'refused.extension': '{name} n’a pas été ajouté : les fichiers en .{extension} ne sont pas acceptés.',
  'refused.size': '{name} n’a pas été ajouté : la limite pour les {kind} est de {limit}.',
  'refused.empty': '{name} n’a pas été ajouté : le fichier est vide.',
  'refused.count.one': '{name} n’a pas été ajouté : un seul fichier peut être envoyé.',
  'refused.count.other': '{name} n’a pas été ajouté : {limit} fichiers au maximum peuvent être envoyés.',
  'refused.content':
    '{name} n’a pas été ajouté : ce n’est pas vraiment une image, une vidéo ou un fichier audio.',
  'refused.mismatch': '{name} n’a pas été ajouté : son contenu ne correspond pas à son type.',
  'failed.one': '{name} n’a pas pu être envoyé : {reason}',
  'failed.many': '{names} n’ont pas pu être envoyés : {reason}',
  'reason.network': 'le serveur est injoignable. Vérifiez la connexion, puis réessayez.',
  'reason.server': 'le serveur a rencontré un problème. Réessayez dans un instant.',
  'reason.busy': 'trop d’envois en même temps. Réessayez dans une minute.',
  'reason.storeRefused': 'le stockage a refusé le lien d’envoi. Réessayez pour en obtenir un nouveau.',
  'reason.gone': 'le fichier n’est pas arrivé dans le stockage. Réessayez pour l’envoyer à nouveau.',
  'reason.keyRefused':
    'la clé d’envoi de ce site n’est pas acceptée (révoquée ou mal saisie). Réessayer n’y changera rien : prévenez le responsable du site.',
  'reason.origin':
    'l’adresse de cette page ne peut pas envoyer de fichiers avec la clé de ce site. Réessayer n’y changera rien : prévenez le responsable du site.',
  'reason.tokenExpired':
    'l’autorisation d’envoi a expiré. Rechargez la page et ajoutez de nouveau le fichier.',
  'reason.tokenInvalid':
    'l’autorisation d’envoi n’est pas valide. Rechargez la page et ajoutez de nouveau le fichier.',
  'reason.scope': 'cet envoi n’est pas autorisé ({msg}). Retirez le fichier.',
  'reason.tooLarge':
    'le serveur refuse les fichiers aussi volumineux. Retirez-le ou choisissez-en un plus petit.',
  'reason.type': 'le serveur n’accepte pas ce type de fichier. Retirez-le.',
  'reason.mismatch': 'le serveur a constaté que son contenu ne correspond pas à son type. Retirez-le.',
  'reason.media': 'le serveur le refuse : {msg}. Retirez-le.',
  'reason.other': 'le serveur a répondu « {msg} ». Réessayez ou retirez le fichier.',
  'limits.group': '{kinds} jusqu’à {size}',
  'limits.count.one': 'un seul fichier',
  'limits.count.other': '{count} fichiers au maximum',
  'ui.region': 'Envoi de fichiers',
  'ui.open': 'Envoyer des fichiers',
  'ui.messages': 'Messages d’envoi',
  'ui.dismiss': 'Fermer',
  'ui.files': 'Fichiers',
  'ui.attached.one': '{count} fichier joint',
  'ui.attached.other': '{count} fichiers joints',
  'ui.copied': 'Lien vers {name} copié.',
  'ui.copyFailed': 'Le lien n’a pas pu être copié : {url}',
  'ui.required': 'Veuillez envoyer un fichier.',
  'ui.waiting': 'Le formulaire sera envoyé dès la fin des envois.',
  'ui.failedFiles': 'Non envoyés : {names}. Réessayez ou retirez-les, puis renvoyez le formulaire.',
}

const media = {
  image_too_small: '{name} mesure {width} × {height} px ; il faut au moins {minSide} × {minSide} px.',
  image_too_big: '{name} mesure {width} × {height} px ; {maxSide} × {maxSide} px au maximum sont permis.',
  image_aspect:
    '{name} mesure {width} × {height} px ; son grand côté peut mesurer au plus {maxAspect} fois son petit côté.',
  image_too_many_pixels: '{name} mesure {width} × {height} px ; {maxPixels} pixels au maximum sont permis.',
  media_too_short: '{name} dure {seconds} s ; il faut au moins {minSeconds} s.',
  media_too_long: '{name} dure {seconds} s ; {maxSeconds} s au maximum sont permises.',
}

// Uppy's Dashboard strings worded differently from @uppy/locales (see uppy-strings.ts).
const uppy = {
  dashboardTitle: 'Envoi de fichiers',
  dashboardWindowTitle: 'Envoi de fichiers (Échap pour fermer)',
}

const resume = {
  list: 'Envois inachevés',
  unfinished: '{name} : {percent} % envoyé — ajoutez à nouveau le fichier pour continuer',
  discard: 'Abandonner',
  continuing: '{name} : reprise là où l’envoi s’était arrêté ({percent} % déjà envoyé).',
  restarted: '{name} : l’envoi précédent n’est plus dans le stockage ; il recommence depuis le début.',
  offline: 'La connexion est perdue : les envois sont en pause et reprendront à son retour.',
  online: 'La connexion est revenue : les envois reprennent.',
  continue: 'Continuer',
  reopenDenied:
    '{name} : l’autorisation de lire le fichier n’a pas été donnée ; ajoutez à nouveau le fichier pour continuer.',
  reopenGone:
    '{name} ne peut plus être lu (déplacé ou supprimé) ; ajoutez à nouveau le fichier pour continuer.',
  reopenChanged:
    '{name} a changé depuis le début de son envoi, cet envoi ne peut donc pas continuer ; ajoutez-le à nouveau pour l’envoyer depuis le début.',
}

export default { messages: fr, media, resume, uppy } satisfies WidgetStrings
