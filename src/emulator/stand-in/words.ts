/**
 * Every word the stand-in's pages show or announce, keyed once in English (the key is the English
 * text; `{name}` marks a parameter, filled in by the page). The server's error sentences are here
 * too: the page shows them in its language by matching the English text it receives.
 */
export const WORDS = [
  // page frame
  'Loading…',
  'Crypto onramp',
  'Test mode',
  'Purchase steps',
  'Review quote',
  'Confirm wallet',
  'Pay',
  // headings
  'Buy crypto',
  'Confirm your wallet',
  'Sending your crypto',
  'Purchase complete',
  'Purchase declined',
  'Something went wrong',
  'This onramp session is unavailable',
  // quote
  'You pay',
  'Currency',
  'You buy',
  'Network',
  'Continue',
  'You receive',
  'Network fee',
  'Transaction fee',
  'Total',
  // wallet
  'Your {network} wallet address',
  'The merchant set this address; it cannot be changed.',
  'Test mode: {address} is rejected.',
  'Back',
  // pay
  'To wallet',
  'Fees',
  'Card number',
  'Test mode: {card} is declined.',
  'Pay {total}',
  // after paying
  'Your payment went through. {amount} is on its way to your wallet.',
  'Delivering your crypto',
  '{amount} was sent to {wallet}.',
  'your wallet',
  'Transaction',
  'We could not verify this purchase, so it was declined. You have not been charged.',
  'The onramp could not continue. Close it and start again.',
  // statuses (the live region)
  'Waiting for you to review the quote and confirm your wallet.',
  'Waiting for payment.',
  'Payment received. Delivering your crypto.',
  'Your crypto was delivered.',
  'This purchase was declined.',
  'The onramp hit an error.',
  // errors: the page's own
  'The onramp could not reach the server. Check your connection and try again.',
  'This link is missing its session. Ask the site that sent you here for a new link.',
  // errors: the emulator's browser endpoints (src/emulator/browser-routes.ts, flow.ts)
  "This link's options are not valid: {reason}",
  'The request body must be a JSON object.',
  'This onramp session does not exist. Ask the site for a new one.',
  'Choose a cryptocurrency and network this purchase offers.',
  '{currency} is not available on {network}.',
  'This purchase can no longer be changed.',
  'Choose a currency to pay with.',
  'Choose a cryptocurrency this purchase offers.',
  'Choose a network this purchase offers.',
  'Enter an amount such as 100 or 100.50 (at most {decimals} decimal places).',
  'Enter an amount between {min} and {max}.',
  'The wallet can no longer be changed.',
  'Choose what to buy first.',
  'Enter a valid {network} wallet address.',
  'This purchase is not waiting for payment.',
  'Your card number is invalid.',
  'Your card was declined. Try another card.',
] as const;

export type Word = (typeof WORDS)[number];

/** A language's words: every English key translated (the type checks none is missing). */
export type Translation = Record<Word, string>;
