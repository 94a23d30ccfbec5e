/**
 * The drop-ins bundle Lit with its fallback for browsers without constructable style sheets taken
 * out (vite.config.ts, LIT_EDITS): their styles must still apply, as adopted style sheets, in every
 * engine. Checked on the files as shipped (dist/cdn, written by `npm run build`).
 */
import { expect } from '@open-wc/testing';
import { loadDropIn } from './support/drop-in.js';

const QUOTES = '/dist/cdn/crypto-onramp-quotes.js';

describe("the drop-ins' styles, with Lit's edits", () => {
  it('are adopted style sheets of each shadow root (no <style> element), and apply', async () => {
    const { cleanup } = await loadDropIn(QUOTES);
    await import(QUOTES as string);
    const host = document.createElement('div');
    host.innerHTML = `<crypto-onramp mode="redirect" session-url="/test-api/session"></crypto-onramp><crypto-onramp-quotes></crypto-onramp-quotes>`;
    document.body.append(host);
    try {
      for (const el of host.children as HTMLCollectionOf<HTMLElement & { updateComplete: Promise<unknown> }>) {
        await el.updateComplete;
        const root = el.shadowRoot!;
        expect(root.adoptedStyleSheets.length, `${el.localName} adopts its styles`).to.be.greaterThan(0);
        expect(root.querySelector('style'), `${el.localName} has no <style> fallback`).to.equal(null);
        // `:host { display: block }` in each element's styles (an unstyled custom element is inline).
        expect(getComputedStyle(el).display, el.localName).to.equal('block');
      }
    } finally {
      host.remove();
      cleanup();
    }
  });
});
