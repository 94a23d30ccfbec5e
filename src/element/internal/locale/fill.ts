/**
 * Fills a word's `{0}`, `{1}`, … with `params`; a number is written by Intl in `locale`. Used by the
 * error sentences' chunk and the quotes element (the onramp entry's own words take no parameters).
 */
export const fill = (text: string, params: readonly unknown[], locale: string): string =>
  text.replace(/\{(\d)\}/g, (_, i: number) => {
    const value = params[i];
    return typeof value === 'number' ? value.toLocaleString(locale) : String(value ?? '');
  });
