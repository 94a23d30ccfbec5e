/**
 * An element's language, live: resolved along its `lang` chain (lang-chain.ts) when it connects and
 * again whenever a `lang` attribute changes in any root on that chain, with the catalog for it
 * loaded on demand. `word(key)` is a word in that language: the site's `messages` first, then the
 * built-in catalog, then English. The host re-renders when the words change, and so does the one
 * message written asynchronously that it keeps in them (`follow`: the error sentence shown).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Catalog, CatalogKey, CryptoOnrampMessages } from './catalog.js';
import { langOf } from './lang-chain.js';

/** Where a message's words come from: the element's language and the site's own words. */
export interface Words {
  locale: string;
  messages?: CryptoOnrampMessages | undefined;
}

/** The host: its `messages`, and the `error` it shows, if it has one (`follow`). */
type Host = ReactiveControllerHost & HTMLElement & { messages?: CryptoOnrampMessages | undefined; readonly error?: unknown };

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

/** Each element's controller, for the error sentences (element-error.ts `explain`). */
export const locales = new WeakMap<Element, LocaleController>();

export class LocaleController implements ReactiveController {
  /** The resolved language tag (`en` until the host connects). */
  locale = 'en';
  /** The built-in catalog for `locale`, once loaded (none for English, nor after a failure). */
  #catalog!: Catalog | void;
  readonly #host: Host;
  readonly #english: Record<string, string>;
  /** Made on first connect: a server rendering the element (Lit SSR) has no MutationObserver. */
  #observer: MutationObserver | undefined;
  /** The message kept in the host's words (`follow`), the latest asked for. */
  #followed: Followed | undefined;

  constructor(host: Host, english: Record<string, string>) {
    (this.#host = host).addController(this);
    this.#english = english;
    locales.set(host, this);
  }

  hostConnected(): void {
    this.#observer ??= new MutationObserver(() => this.#sync());
    this.#sync();
  }

  hostDisconnected(): void {
    this.#observer!.disconnect();
  }

  /**
   * Resolves the language (`langOf`), watching every root on the way, from the host's own up to
   * the one whose `lang` decided (up to the document when none did): a `lang` set, changed or
   * removed in any of them may change the answer, and a removal lets the next walk go further.
   * Then, for a new language, loads its catalog (one that failed is asked for again at the next
   * change: each language's load is its own).
   */
  #sync(): void {
    const locale = langOf(this.#host, (root) => this.#observer!.observe(root, { subtree: true, attributeFilter: ['lang'] }));
    if (locale === this.locale) return;
    this.locale = locale;
    this.#catalog = undefined;
    // English is built in: an English page loads no catalog, nor the module that finds one.
    if (!/^en\b/.test(locale))
      void import('./catalogs.js')
          .then((catalogs) => catalogs.loadCatalog(locale))
          .then((catalog) => {
            if (this.locale === locale) (this.#catalog = catalog), this.#host.requestUpdate();
          }, () => {});
    this.#host.requestUpdate();
  }

  /** The word `key` names, placeholders unfilled (`fill`). */
  word(key: CatalogKey): string {
    return this.#host.messages?.[key] ?? this.#catalog?.[key] ?? this.#english[key]!;
  }

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
    const host = this.#host;
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
    return [this.locale, this.#host.messages, this.#catalog];
  }
}
