/**
 * Every error the element finds itself, in its entry or in a lazy chunk, names its sentence by key
 * (with the sentence's parameters): the sentences live in a lazy chunk (messages.ts), and the
 * session controller, the one place errors are shown, puts the sentence in before the event fires
 * (`explain`), and the view shows it again in a language the element changes to meanwhile. Until
 * then the message is the general English `unexplained` word (and, if the chunk cannot load, that
 * word in the host's language): an element error is never seen with an empty message.
 */
import { CryptoOnrampError, type CryptoOnrampErrorCode, type CryptoOnrampErrorDetail } from '../errors.js';
import type { ErrorExtra } from './coded-error.js';
import { ONRAMP_WORDS } from './locale/en-onramp.js';
import type { ErrorLocaleController } from './locale/error-locale-controller.js';
import type { SentenceArgs, SentenceKey } from './messages.js';

/** The key and parameters travel on the error object, never in `detail`, until `explain`. */
export type Explained = CryptoOnrampError & { sentence?: SentenceKey; args?: unknown[] };

/** A `CryptoOnrampError` whose message becomes the sentence `key` names (`explain`). */
export const elementError = <K extends SentenceKey>(
  code: CryptoOnrampErrorCode,
  sentence: K,
  extra?: ErrorExtra<CryptoOnrampErrorDetail>,
  ...args: SentenceArgs<K>
): CryptoOnrampError => Object.assign(new CryptoOnrampError(code, ONRAMP_WORDS.unexplained, extra), { sentence, args });

/**
 * `error`'s detail with its sentence filled in, loading the chunk on first need; `undefined` for an
 * error that names none (nothing to wait for, so its caller stays synchronous). A new object: the
 * detail an event carries is never changed afterwards. The sentence is in the element's words
 * (`words`: its language, through its catalog, and its `messages`), which keep it in them while the
 * element shows it, writing it again at a change (`follow`). If the chunk cannot
 * load, the code stays and the message says so (`unexplained`, in the host's language; never
 * Stripe's words, which only the chunk redacts), retryable: a retry may fetch it. Never rejects.
 */
export const explain = (error: Explained, words: ErrorLocaleController): Promise<CryptoOnrampErrorDetail> | undefined =>
  error.sentence
    ? words.follow((said) =>
        import('./messages.js')
          .then((sentences) => sentences.explained(error, said))
          .catch(() => ({ ...error.detail, message: words.word('unexplained'), retryable: true })),
      )
    : undefined;
