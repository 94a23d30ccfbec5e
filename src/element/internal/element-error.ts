/**
 * Every error the element finds itself, in its entry or in a lazy chunk, names its sentence by key
 * (with the sentence's parameters): the sentences live in a lazy chunk (messages.ts), and the
 * session controller, the one place errors are shown, puts the sentence in before the event fires,
 * and again whenever the element's language changes while it is shown (`explain`). Until
 * then the message is the general English `unexplained` word (and, if the chunk cannot load, that
 * word in the host's language): an element error is never seen with an empty message.
 */
import { CryptoOnrampError, type CryptoOnrampErrorCode, type CryptoOnrampErrorDetail } from '../errors.js';
import { ONRAMP_WORDS } from './locale/en-onramp.js';
import { locales } from './locale/locale-controller.js';
import type { SentenceArgs, SentenceKey, Words } from './messages.js';

/** The key and parameters travel on the error object, never in `detail`, until `explain`. */
export type Explained = CryptoOnrampError & { sentence?: SentenceKey; args?: unknown[] };

/** A `CryptoOnrampError` whose message becomes the sentence `key` names (`explain`). */
export const elementError = <K extends SentenceKey>(
  code: CryptoOnrampErrorCode,
  sentence: K,
  extra?: Partial<Omit<CryptoOnrampErrorDetail, 'code' | 'message'>>,
  ...args: SentenceArgs<K>
): CryptoOnrampError => Object.assign(new CryptoOnrampError(code, ONRAMP_WORDS.unexplained, extra), { sentence, args });

/**
 * `error`'s detail with its sentence filled in, loading the chunk on first need; `undefined` for an
 * error that names none (nothing to wait for, so its caller stays synchronous). A new object each
 * time: the detail an event carried is never changed afterwards, and the element puts the sentence
 * in again when its language changes. The sentence is in `host`'s language (its `locale` and
 * `messages`; the chunk loads the built-in catalog, or English). If the chunk cannot load, the code
 * stays and the message says so (`unexplained`, never Stripe's words, which only the chunk
 * redacts), retryable: a retry may fetch it. Never rejects.
 */
export const explain = (error: Explained, host: Element & Words): Promise<CryptoOnrampErrorDetail> | undefined =>
  error.sentence
    ? import('./messages.js')
        .then((sentences) => sentences.explained(error, host))
        .catch(() => ({ ...error.detail, message: locales.get(host)!.word('unexplained'), retryable: true }))
    : undefined;
