/**
 * The errors the element finds in its own configuration. Their sentences live in a lazy chunk
 * (messages.ts): the error carries the sentence's key, and the session controller, the one place
 * errors are shown, fills `detail.message` in before the event fires (`explain`).
 */
import { CryptoOnrampError, type CryptoOnrampErrorCode, type CryptoOnrampErrorDetail } from '../errors.js';
import type { SentenceKey } from './messages.js';

/** Shown when the sentences' chunk itself could not load (a network failure): a retry may fetch it. */
const UNEXPLAINED = 'The onramp could not start. Try again.';

type Explained = CryptoOnrampError & { sentence?: SentenceKey };

/** A `CryptoOnrampError` whose message is the sentence `key` names, filled in by `explain`. */
export const elementError = (
  code: CryptoOnrampErrorCode,
  sentence: SentenceKey,
  extra?: Partial<Omit<CryptoOnrampErrorDetail, 'code' | 'message'>>,
): CryptoOnrampError => Object.assign(new CryptoOnrampError(code, '', extra), { sentence });

/**
 * Fills in an `elementError`'s sentence, loading the chunk on first need; `undefined` for any
 * other error (nothing to wait for, so its caller stays synchronous). If the chunk cannot load,
 * the code stays and the message says so, retryable. Never rejects.
 */
export function explain(error: Explained): Promise<unknown> | undefined {
  const { sentence, detail } = error;
  return sentence
    ? import('./messages.js').then(
        (sentences) => (detail.message = sentences.default[sentence]),
        () => ((detail.message = UNEXPLAINED), (detail.retryable = true)),
      )
    : undefined;
}
