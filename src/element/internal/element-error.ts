/**
 * Every error the element raises in its entry names its sentence by key (with the sentence's
 * parameters): the sentences live in a lazy chunk (messages.ts), and the session controller, the
 * one place errors are shown, puts the sentence in before the event fires (`explain`). Until
 * then, and for good if the chunk cannot load, the message is the general `UNEXPLAINED`: an
 * element error is never seen with an empty message.
 */
import { CryptoOnrampError, type CryptoOnrampErrorCode, type CryptoOnrampErrorDetail } from '../errors.js';
import type { SentenceArgs, SentenceKey } from './messages.js';

/**
 * Shown when the sentences' chunk itself could not load (a network failure): a retry may fetch it.
 * Never Stripe's words, which only the chunk redacts.
 */
const UNEXPLAINED = 'The onramp could not start. Try again.';

/** The key and parameters travel on the error object, never in `detail`, until `explain`. */
type Explained = CryptoOnrampError & { sentence?: SentenceKey; args?: unknown[] };

/** A `CryptoOnrampError` whose message becomes the sentence `key` names (`explain`). */
export const elementError = <K extends SentenceKey>(
  code: CryptoOnrampErrorCode,
  sentence: K,
  extra?: Partial<Omit<CryptoOnrampErrorDetail, 'code' | 'message'>>,
  ...args: SentenceArgs<K>
): CryptoOnrampError => Object.assign(new CryptoOnrampError(code, UNEXPLAINED, extra), { sentence, args });

/**
 * Puts an `elementError`'s sentence in (the error's message and its detail's), loading the chunk
 * on first need; `undefined` for any other error (nothing to wait for, so its caller stays
 * synchronous). If the chunk cannot load, the code and `UNEXPLAINED` stay, retryable. Never rejects.
 */
export function explain(error: Explained): Promise<unknown> | undefined {
  const { sentence, args, detail } = error;
  return sentence
    ? import('./messages.js').then(
        (sentences) => (error.message = detail.message = sentences.sentence(sentence, args as SentenceArgs<typeof sentence>)),
        () => (detail.retryable = true),
      )
    : undefined;
}
