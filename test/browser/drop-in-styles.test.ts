/**
 * The drop-ins bundle Lit with its fallback for browsers without constructable style sheets taken
 * out (vite.config.ts, LIT_EDITS): their styles must still apply, as adopted style sheets, in every
 * engine. Both elements' loading rings come from one shared text (spinner.styles.ts), each at its
 * own size and in its own custom properties' colors. Checked on the files as shipped (dist/cdn,
 * written by `npm run build`).
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

  // Each element's ring as it looked when each element wrote its own: the size, the colors of its
  // own custom properties (set here to plain colors, so their values can be compared), the turn,
  // and a still ring under `prefers-reduced-motion`.
  it("draw each element's spinner at its own size, in its own colors, turning unless less motion is asked for", async () => {
    const { cleanup } = await loadDropIn(QUOTES);
    await import(QUOTES as string);
    const host = document.createElement('div');
    // Endpoints that never answer: each element stays in its loading view.
    host.innerHTML = `<crypto-onramp session-url="/test-api/hang"></crypto-onramp><crypto-onramp-quotes quotes-url="/test-api/quotes-hang"></crypto-onramp-quotes>`;
    const [onramp, quotes] = host.children as HTMLCollectionOf<HTMLElement & { updateComplete: Promise<unknown> }>;
    onramp!.style.cssText = '--crypto-onramp-muted-color: rgb(1, 2, 3); --crypto-onramp-accent-color: rgb(4, 5, 6)';
    quotes!.style.cssText = '--crypto-onramp-quotes-muted-color: rgb(7, 8, 9); --crypto-onramp-quotes-accent-color: rgb(10, 11, 12)';
    document.body.append(host);
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
    try {
      for (const [el, size, track, accent] of [
        [onramp!, 2 * rem, 'rgb(1, 2, 3)', 'rgb(4, 5, 6)'],
        [quotes!, 1.5 * rem, 'rgb(7, 8, 9)', 'rgb(10, 11, 12)'],
      ] as const) {
        await el.updateComplete;
        const spinner = el.shadowRoot!.querySelector('.spinner');
        expect(spinner, `${el.localName} shows its spinner`).to.not.equal(null);
        const style = getComputedStyle(spinner!);
        expect(
          {
            width: style.width,
            height: style.height,
            borderRadius: style.borderTopLeftRadius,
            border: [style.borderTopWidth, style.borderTopStyle, style.borderRightWidth, style.borderRightStyle, style.borderBottomWidth, style.borderLeftWidth],
            colors: [style.borderTopColor, style.borderRightColor, style.borderBottomColor, style.borderLeftColor],
            animation: [style.animationName, style.animationDuration, style.animationTimingFunction, style.animationIterationCount],
          },
          el.localName,
        ).to.deep.equal({
          width: `${size}px`,
          height: `${size}px`,
          borderRadius: '50%',
          border: ['3px', 'solid', '3px', 'solid', '3px', '3px'],
          colors: [accent, track, track, track],
          animation: ['spin', '0.9s', 'linear', 'infinite'],
        });
        const rules = el.shadowRoot!.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules]);
        const turn = rules.filter((rule): rule is CSSKeyframesRule => rule instanceof CSSKeyframesRule && rule.name === 'spin');
        expect(turn.map((rule) => [...rule.cssRules].map((frame) => [(frame as CSSKeyframeRule).keyText, (frame as CSSKeyframeRule).style.transform])), `${el.localName}'s turn`).to.deep.equal([[['100%', 'rotate(1turn)']]]);
        const reduced = rules.filter((rule): rule is CSSMediaRule => rule instanceof CSSMediaRule && /^\(?prefers-reduced-motion(:\s*reduce)?\)?$/.test(rule.conditionText));
        const still = reduced.flatMap((rule) => [...rule.cssRules]).filter((rule): rule is CSSStyleRule => rule instanceof CSSStyleRule && rule.selectorText === '.spinner');
        expect(still.map((rule) => rule.style.animationName), `${el.localName}'s still ring`).to.deep.equal(['none']);
      }
    } finally {
      host.remove();
      cleanup();
    }
  });
});
