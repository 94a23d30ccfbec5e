/**
 * `<crypto-onramp>`'s language (LocaleController), which also keeps the error sentence it shows in
 * its words: the sentence is written asynchronously (the messages chunk, element-error.ts
 * `explain`), so at a change of the language, of its catalog or of `messages` while the error is
 * shown, it is written again and the view updated (`follow`, `message`). The quotes element's
 * sentences are synchronous words of its catalog, so it has the plain controller.
 */
import type { Catalog, CryptoOnrampMessages } from './catalog.js';
import { LocaleController, type Host, type Words } from './locale-controller.js';

/** The host, and the `error` it shows. */
type ErrorHost = Host & { readonly error: unknown };

/** Makes an object with a message, in `words` (an error's detail: element-error.ts `explain`). */
type Write<T extends { message: string }> = (words: Words) => Promise<T>;

/** The words a message is written in, as `follow` compares them: the language, `messages`, the catalog. */
type WordsOfNow = [locale: string, messages: CryptoOnrampMessages | undefined, catalog: Catalog | void];

/**
 * The message `follow` keeps: how it is written, the words of its latest writing, the object made
 * first, and the message written since.
 */
interface Followed {
  write: Write<{ message: string }>;
  words?: WordsOfNow;
  shown?: { message: string };
  message?: string;
}

export class ErrorLocaleController extends LocaleController {
  /** The message kept in the host's words (`follow`), the latest asked for. */
  #followed: Followed | undefined;

  /**
   * What `write` makes (an error's detail) in the host's words now. While the host shows it as its
   * `error`, a change of the language, of its catalog (the fallback word is in it) or of `messages`
   * has it written again (`hostUpdate`), and `message` gives what to show. The object made first is
   * never changed (an event carried it, and is not sent again). The latest call is the one kept.
   */
  async follow<T extends { message: string }>(write: Write<T>): Promise<T> {
    const followed: Followed = (this.#followed = { write });
    return (followed.shown = await this.#write(followed, write));
  }

  /** Writes the kept message again when its words changed while the host shows it. */
  hostUpdate(): void {
    const followed = this.#followed;
    const host = this.host as ErrorHost;
    const now = this.#wordsOfNow();
    if (followed?.shown && followed.shown === host.error && followed.words!.some((word, i) => word !== now[i]))
      void this.#write(followed, followed.write, now).then(({ message }) => {
        // Words that changed again meanwhile have their own writing under way.
        if (followed.words === now) (followed.message = message), host.requestUpdate();
      });
  }

  /** `shown`'s message in the host's words now: written again since (`follow`), or its own. */
  message(shown: { message: string }): string {
    const followed = this.#followed;
    return (followed?.shown === shown && followed.message) || shown.message;
  }

  /** `write`'s object in the words of now (`#wordsOfNow`, or `words`), which `followed` records. */
  #write<T extends { message: string }>(followed: Followed, write: Write<T>, words = this.#wordsOfNow()): Promise<T> {
    const [locale, messages] = (followed.words = words);
    return write({ locale, messages });
  }

  #wordsOfNow(): WordsOfNow {
    return [this.locale, this.host.messages, this.catalog];
  }
}
