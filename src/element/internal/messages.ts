/**
 * The element's own sentences for the configuration errors it finds itself, loaded on demand
 * (`crypto-onramp-messages.js` beside the drop-in): only a page that fails needs the words, so
 * every other page does not download them. An error names its sentence by key (`elementError`,
 * element-error.ts) and the session controller puts the sentence in before the error is shown.
 *
 * Imports nothing: a module this chunk shared with the entry could be split off into a third file
 * that every page would load.
 */
const SENTENCES = {
  returnUrl: 'return-url is not http(s).',
  clientSecret: 'The clientSecret property is not an onramp session client secret (cos_…_secret_…).',
  noSessionUrl: 'Set session-url (your minting endpoint) or clientSecret.',
  sessionUrl: 'session-url is not a valid URL.',
  fetchOptions: 'fetchOptions must be a RequestInit object.',
  sessionParams: 'sessionParams must be an object of create parameters.',
  walletNetwork: 'wallet-address needs destination-network (or one destination-networks value).',
  noKey: 'No publishable key: set publishable-key, or answer publishable_key from the session endpoint.',
  secretKey:
    'A secret or restricted key is not a publishable key. It was not used: remove it from the page and roll it in the Stripe Dashboard.',
  badKey: 'The publishable key is not pk_test_… or pk_live_….',
  framed: "Stripe's onramp cannot run inside a framed page (an iframe). Open this page on its own.",
  sessionError: 'The onramp session ended in an error. Try again to start a new one.',
  framedHosted: "Stripe's onramp cannot run inside a framed page (an iframe). It can open in a new window instead.",
} as const;

export default SENTENCES;
export type SentenceKey = keyof typeof SENTENCES;
