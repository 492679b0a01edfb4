// Strings of Uppy's Dashboard that the widget words differently from @uppy/locales, read back in
// place: a finished file's state is a participle ("Concluído"), never a button's verb ("Concluir");
// the drop zone's sentence reads as one sentence with its "browse" button inside it.
export const UPPY_STRINGS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  en: {
    dashboardTitle: 'File upload',
    dashboardWindowTitle: 'File upload (Esc closes)',
  },
  'pt-BR': {
    complete: 'Concluído',
    done: 'Concluído',
    uploadComplete: 'Envio concluído',
    uploadFailed: 'Falha no envio',
    dropPasteFiles: 'Solte ou cole arquivos aqui, ou %{browseFiles}',
    browseFiles: 'escolha no dispositivo',
    dropHint: 'Solte os arquivos aqui',
    dashboardTitle: 'Envio de arquivos',
    dashboardWindowTitle: 'Envio de arquivos (Esc fecha)',
    closeModal: 'Fechar',
    retry: 'Tentar de novo',
    retryUpload: 'Tentar enviar de novo',
    upload: 'Enviar',
  },
  de: {
    complete: 'Fertig',
    done: 'Fertig',
    dropPasteFiles: 'Dateien hier ablegen oder einfügen, oder %{browseFiles}',
    browseFiles: 'auf dem Gerät auswählen',
    dashboardTitle: 'Datei-Upload',
    dashboardWindowTitle: 'Datei-Upload (Esc schließt)',
  },
  es: {
    complete: 'Completado',
    uploadComplete: 'Subida completada',
    dropPasteFiles: 'Suelta o pega archivos aquí, o %{browseFiles}',
    browseFiles: 'elígelos en tu dispositivo',
    dashboardTitle: 'Subida de archivos',
    dashboardWindowTitle: 'Subida de archivos (Esc cierra)',
  },
}
