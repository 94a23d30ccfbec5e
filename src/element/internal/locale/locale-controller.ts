/**
 * An element's language, live: resolved along its `lang` chain (lang-chain.ts) when it connects and
 * again whenever a `lang` attribute changes in any root on that chain, with the catalog for it
 * loaded on demand. `word(key)` is a word in that language: the site's `messages` first, then the
 * built-in catalog, then English. The host re-renders when the words change.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Catalog, CatalogKey, CryptoOnrampMessages } from './catalog.js';
import { langOf } from './lang-chain.js';

/** Where a message's words come from: the element's language and the site's own words. */
export interface Words {
  locale: string;
  messages?: CryptoOnrampMessages | undefined;
}

/** The host, and its `messages`. */
export type Host = ReactiveControllerHost & HTMLElement & { messages?: CryptoOnrampMessages | undefined };

export class LocaleController implements ReactiveController {
  /** The resolved language tag (`en` until the host connects). */
  locale = 'en';
  /** The built-in catalog for `locale`, once loaded (none for English, nor after a failure). */
  protected catalog!: Catalog | void;
  protected readonly host: Host;
  readonly #english: Record<string, string>;
  /** Made on first connect: a server rendering the element (Lit SSR) has no MutationObserver. */
  #observer: MutationObserver | undefined;

  constructor(host: Host, english: Record<string, string>) {
    (this.host = host).addController(this);
    this.#english = english;
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
    const locale = langOf(this.host, (root) => this.#observer!.observe(root, { subtree: true, attributeFilter: ['lang'] }));
    if (locale === this.locale) return;
    this.locale = locale;
    this.catalog = undefined;
    // English is built in: an English page loads no catalog, nor the module that finds one.
    if (!/^en\b/.test(locale))
      void import('./catalogs.js')
          .then((catalogs) => catalogs.loadCatalog(locale))
          .then((catalog) => {
            if (this.locale === locale) (this.catalog = catalog), this.host.requestUpdate();
          }, () => {});
    this.host.requestUpdate();
  }

  /** The word `key` names, placeholders unfilled (`fill`). */
  word(key: CatalogKey): string {
    return this.host.messages?.[key] ?? this.catalog?.[key] ?? this.#english[key]!;
  }
}
