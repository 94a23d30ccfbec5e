/**
 * The drop-in's minifiers (vite.config.ts) rename no property today, and a minifier option or
 * upgrade that started to must still keep the names that cross the bundle's edge: Lit's `_$…`
 * names (a protocol between Lit copies: SSR hydration, directives from another build) and Stripe's
 * `_registerWrapper`, which Stripe's loaders call on Stripe's own objects. Within one bundle a wrong
 * rename still runs, so it is checked here, on the file as shipped; so is that the file imports no
 * other chunk up front.
 */
import { expect } from '@open-wc/testing';

describe('the drop-in bundle (dist/cdn/crypto-onramp.js)', () => {
  it("keeps Lit's _$ protocol names and Stripe's _registerWrapper whole", async () => {
    const code = await (await fetch('/dist/cdn/crypto-onramp.js')).text();
    for (const name of ['_$litType$', '_$litElement$', '_$cssResult$', '_registerWrapper']) {
      expect(code.includes(name), `${name} is in the bundle`).to.equal(true);
    }
    // `_registerWrapper` is called by Stripe's loaders and by the element: every call keeps the name.
    expect(code.match(/\._registerWrapper\(/g)?.length ?? 0).to.be.greaterThanOrEqual(2);
  });

  it('imports nothing itself: the embedded success path is this one file, the lazy chunks come only on demand', async () => {
    const code = await (await fetch('/dist/cdn/crypto-onramp.js')).text();
    // A static import (`import{…}from"./x.js"`, `import"./x.js"`) means a chunk every page loads.
    // The lazy chunks are named once each and loaded through one `import(`, the one that asks for a
    // fresh URL after a failure (scripts/fresh-chunk-imports.ts).
    expect(code.match(/\bimport\s*[{*"'`]/g) ?? []).to.deep.equal([]);
    expect(code.match(/\bimport\(/g) ?? []).to.have.length(1);
    expect(code.match(/[`"']\.\/crypto-onramp-[a-z-]+\.js[`"']/g)?.length ?? 0).to.be.greaterThanOrEqual(1);
  });
});
