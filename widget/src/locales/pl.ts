import type { Translation, WidgetStrings } from '../locale-pack.js'

export const pl: Translation = {
  'kind.image': 'obrazów',
  'kind.video': 'filmów',
  'kind.audio': 'plików audio',
  'refused.type': 'Nie dodano {name}: ten typ pliku nie jest akceptowany.',
  'refused.extension': 'Nie dodano {name}: pliki z rozszerzeniem .{extension} nie są akceptowane.',
  'refused.size': 'Nie dodano {name}: limit dla {kind} wynosi {limit}.',
  'refused.empty': 'Nie dodano {name}: plik jest pusty.',
  'refused.count.one': 'Nie dodano {name}: można przesłać tylko jeden plik.',
  'refused.count.few': 'Nie dodano {name}: można przesłać najwyżej {limit} pliki.',
  'refused.count.many': 'Nie dodano {name}: można przesłać najwyżej {limit} plików.',
  'refused.count.other': 'Nie dodano {name}: można przesłać najwyżej {limit} pliku.',
  'refused.content': 'Nie dodano {name}: to nie jest naprawdę obraz, film ani plik audio.',
  'refused.mismatch': 'Nie dodano {name}: zawartość nie pasuje do typu pliku.',
  'failed.one': 'Nie udało się przesłać {name}: {reason}',
  'failed.many': 'Nie udało się przesłać {names}: {reason}',
  'reason.network': 'nie można połączyć się z serwerem. Sprawdź połączenie i spróbuj ponownie.',
  'reason.server': 'serwer napotkał problem. Spróbuj ponownie za chwilę.',
  'reason.busy': 'zbyt wiele przesyłań naraz. Spróbuj ponownie za minutę.',
  'reason.storeRefused': 'magazyn odrzucił link do przesłania. Spróbuj ponownie, aby dostać nowy.',
  'reason.gone': 'plik nie dotarł do magazynu. Spróbuj ponownie, aby wysłać go jeszcze raz.',
  'reason.keyRefused':
    'klucz przesyłania tej witryny nie jest akceptowany (unieważniony lub błędnie wpisany). Ponowna próba nic nie da: powiadom właściciela witryny.',
  'reason.origin':
    'z adresu tej strony nie można przesyłać plików kluczem tej witryny. Ponowna próba nic nie da: powiadom właściciela witryny.',
  'reason.tokenExpired': 'zgoda na przesłanie wygasła. Odśwież stronę i dodaj plik ponownie.',
  'reason.tokenInvalid': 'zgoda na przesłanie jest nieważna. Odśwież stronę i dodaj plik ponownie.',
  'reason.scope': 'to przesłanie jest niedozwolone ({msg}). Usuń plik.',
  'reason.tooLarge': 'serwer odrzuca tak duże pliki. Usuń go lub wybierz mniejszy.',
  'reason.type': 'serwer nie akceptuje tego typu pliku. Usuń go.',
  'reason.mismatch': 'serwer stwierdził, że zawartość nie pasuje do typu. Usuń go.',
  'reason.media': 'serwer go odrzuca: {msg}. Usuń go.',
  'reason.other': 'serwer odpowiedział „{msg}”. Spróbuj ponownie lub usuń plik.',
  'limits.group': '{kinds} do {size}',
  'limits.count.one': 'jeden plik',
  'limits.count.few': 'najwyżej {count} pliki',
  'limits.count.many': 'najwyżej {count} plików',
  'limits.count.other': 'najwyżej {count} pliku',
  'ui.region': 'Przesyłanie plików',
  'ui.open': 'Prześlij pliki',
  'ui.messages': 'Komunikaty przesyłania',
  'ui.dismiss': 'Zamknij',
  'ui.files': 'Pliki',
  'ui.attached.one': '1 plik załączony',
  'ui.attached.few': '{count} pliki załączone',
  'ui.attached.many': '{count} plików załączonych',
  'ui.attached.other': '{count} pliku załączone',
  'ui.copied': 'Skopiowano link do {name}.',
  'ui.copyFailed': 'Nie udało się skopiować linku: {url}',
  'ui.required': 'Prześlij plik.',
  'ui.waiting': 'Formularz zostanie wysłany, gdy tylko przesyłanie się zakończy.',
  'ui.failedFiles':
    'Nie przesłano: {names}. Spróbuj ponownie lub usuń je, a potem wyślij formularz jeszcze raz.',
}

const media = {
  image_too_small: '{name} ma {width} × {height} px; potrzeba co najmniej {minSide} × {minSide} px.',
  image_too_big: '{name} ma {width} × {height} px; dozwolone jest najwyżej {maxSide} × {maxSide} px.',
  image_aspect:
    '{name} ma {width} × {height} px; dłuższy bok może być najwyżej {maxAspect} razy dłuższy od krótszego.',
  image_too_many_pixels: '{name} ma {width} × {height} px; dozwolone jest najwyżej {maxPixels} pikseli.',
  media_too_short: '{name} trwa {seconds} s; potrzeba co najmniej {minSeconds} s.',
  media_too_long: '{name} trwa {seconds} s; dozwolone jest najwyżej {maxSeconds} s.',
}

const uppy = {
  dashboardTitle: 'Przesyłanie plików',
  dashboardWindowTitle: 'Przesyłanie plików (Esc zamyka)',
}

const resume = {
  list: 'Niedokończone przesyłanie',
  unfinished: '{name}: wysłano {percent}% — dodaj plik ponownie, aby kontynuować',
  discard: 'Odrzuć',
  continuing: '{name}: wznawianie od miejsca przerwania (wysłano już {percent}%).',
  restarted: '{name}: wcześniejszego przesyłania nie ma już w magazynie; zaczyna się od początku.',
  offline: 'Utracono połączenie: przesyłanie jest wstrzymane i wznowi się po jego powrocie.',
  online: 'Połączenie wróciło: przesyłanie jest kontynuowane.',
  continue: 'Kontynuuj',
  reopenDenied: '{name}: nie udzielono zgody na odczyt pliku; dodaj plik ponownie, aby kontynuować.',
  reopenGone:
    'Nie można już odczytać {name} (przeniesiony lub usunięty); dodaj plik ponownie, aby kontynuować.',
  reopenChanged:
    '{name} zmienił się od rozpoczęcia przesyłania, więc tego przesyłania nie można kontynuować; dodaj go ponownie, aby przesłać od nowa.',
}

export default { messages: pl, media, resume, uppy } satisfies WidgetStrings
