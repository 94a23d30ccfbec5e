/**
 * `<crypto-onramp>`'s own words in English, keyed: built into the entry, so an English page
 * fetches no catalog. Every other language's catalog (catalogs/) has these keys too.
 */
export const ONRAMP_WORDS = {
  /**
   * The language's direction, for the views' `dir`: `rtl` for a language written right to left,
   * else empty (no direction of its own: the page's, inherited). A site adding a language that is
   * written right to left sets it in `messages`.
   */
  dir: '',
  loading: 'Loading the crypto onramp',
  buy: 'Buy crypto',
  retry: 'Try again',
  newWindow: 'Open the onramp in a new window',
  errorTitle: 'The crypto onramp could not be shown.',
  /** When the error sentences' chunk itself could not load. */
  unexplained: 'The onramp could not start. Try again.',
};
