// The app's two languages, and a text given in each: the words every side shares (lesson texts,
// observation reasons, example descriptions, the renderer's tables), so none depends on lessons for them.

export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

/** One text in every language the app speaks. */
export type Text = Record<Lang, string>;
