// Strings of Uppy's Dashboard that the widget words differently from @uppy/locales, read back in
// place: a finished file's state is a participle ("Concluído"), never a button's verb ("Concluir");
// the drop zone's sentence reads as one sentence with its "browse" button inside it. English's are
// here, built in; every other locale's are its locale file's `uppy` (locales/<tag>.ts).
export const UPPY_STRINGS_EN: Readonly<Record<string, string>> = {
  dashboardTitle: 'File upload',
  dashboardWindowTitle: 'File upload (Esc closes)',
}
