/**
 * The locale to write dates in: the browser's own variant of the chosen language if it has one
 * (en-US or en-GB, id-ID), else the language itself.
 */
export const localeFor = (language: string, browserLocales: readonly string[]): string =>
  browserLocales.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
