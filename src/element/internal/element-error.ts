/**
 * Every error the element raises in its entry names its sentence by key (with the sentence's
 * parameters): the sentences live in a lazy chunk (messages.ts), and the session controller, the
 * one place errors are shown, puts the sentence in before the event fires (`explain`). Until
 * then the message is the general English `unexplained` word (and, if the chunk cannot load, that
 * word in the host's language): an element error is never seen with an empty message.
 */
import { CryptoOnrampError, type CryptoOnrampErrorCode, type CryptoOnrampErrorDetail } from '../errors.js';
import type { ErrorExtra } from './coded-error.js';
import { ONRAMP_WORDS } from './locale/en-onramp.js';
import { locales } from './locale/locale-controller.js';
import type { SentenceArgs, SentenceKey, Words } from './messages.js';

/** The key and parameters travel on the error object, never in `detail`, until `explain`. */
type Explained = CryptoOnrampError & { sentence?: SentenceKey; args?: unknown[] };

/** A `CryptoOnrampError` whose message becomes the sentence `key` names (`explain`). */
export const elementError = <K extends SentenceKey>(
  code: CryptoOnrampErrorCode,
  sentence: K,
  extra?: ErrorExtra<CryptoOnrampErrorDetail>,
  ...args: SentenceArgs<K>
): CryptoOnrampError => Object.assign(new CryptoOnrampError(code, ONRAMP_WORDS.unexplained, extra), { sentence, args });

/**
 * Fills in an `elementError`'s sentence, loading the chunk on first need; `undefined` for any
 * other error (nothing to wait for, so its caller stays synchronous). The sentence is in `host`'s
 * language (its `locale` and `messages`; the chunk loads the built-in catalog, or English). If the chunk cannot load, the code
 * stays and the message says so (`unexplained`, never Stripe's words, which only the chunk
 * redacts), retryable: a retry may fetch it. Never rejects.
 */
export function explain(error: Explained, host: Element): Promise<unknown> | undefined {
  const { sentence, args, detail } = error;
  return sentence
    ? import('./messages.js')
        .then((sentences) => sentences.sentence(sentence, args as SentenceArgs<typeof sentence>, host as Element & Words))
        .then(
          (message) => (detail.message = message),
          () => ((detail.message = locales.get(host)!.word('unexplained')), (detail.retryable = true)),
        )
    : undefined;
}
