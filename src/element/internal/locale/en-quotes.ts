/**
 * `<crypto-onramp-quotes>`' own words in English, keyed. `{0}`, `{1}`, … are the parameters, in
 * the order the element passes them (amounts already written by Intl in the element's locale).
 */
export const QUOTES_WORDS = {
  /** The language's direction, as `<crypto-onramp>`'s `dir` (en-onramp.ts). */
  dir: '',
  quotesLoading: 'Loading quotes',
  quotesErrorTitle: 'The quotes could not be shown.',
  quotesRetry: 'Try again',
  quotesEmpty: 'No quotes for these currencies and networks.',
  /** The list's caption: {0} is the fiat amount. */
  quotesCaption: 'What {0} buys',
  /** Announced when quotes arrive: {0} is the count, {1} the amount. */
  quotesCountOne: '{0} quote for {1}.',
  quotesCountOther: '{0} quotes for {1}.',
  quotesCountZero: 'No quotes for {0}.',
  /** {0} is the network's name (Ethereum, Base, …). */
  quotesNetwork: 'on {0}',
  quotesTotal: '{0} total',
  /** {0} both fees together, {1} the network fee, {2} the transaction fee. */
  quotesFees: 'fees {0}: network {1} + transaction {2}',
  quotesFeesUntotalled: 'fees: network {0} + transaction {1}',
  quotesNoUrl: 'Set the quotes-url attribute (your quotes endpoint).',
  quotesBadUrl: 'quotes-url is not a valid URL.',
  /** {0} is the HTTP status. */
  quotesHttp: 'The quotes endpoint answered HTTP {0}.',
  quotesInvalid: 'The quotes endpoint did not answer an onramp quotes object.',
  quotesUnreadable: 'The quotes could not be read.',
  /** {0}: milliseconds. */
  quotesTimeout: 'The quotes endpoint did not answer within {0} ms.',
  quotesUnreachable: 'The quotes endpoint could not be reached (network error or blocked request).',
  /** {0}: the `for` id. */
  quotesNotOnramp: 'The element with id "{0}" is not a <crypto-onramp>.',
  quotesNoOnramp: 'No <crypto-onramp id="{0}"> next to this quotes element.',
};
