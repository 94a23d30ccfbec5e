/**
 * Hostile pages: a strict Content-Security-Policy (only 'self' and the README's Stripe hosts, no
 * 'unsafe-inline', no 'unsafe-eval'), a policy that blocks Stripe, and Trusted Types enforced.
 * Each runs in its own top-level tab, with real CSP headers, loading the drop-in bundle or the npm
 * build. (The framed-page case is framed.test.ts.)
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { HostileResult } from './support/hostile-pages.js';
import de from '../../src/element/internal/locale/catalogs/de.js';
import { SENTENCES } from '../../src/element/internal/locale/en-sentences.js';

const open = (name: string) => executeServerCommand('open-hostile-page', { name }) as Promise<HostileResult>;

describe('<crypto-onramp> on hostile pages', () => {
  for (const build of ['cdn', 'npm']) {
    it(`works under the README's strict CSP (${build} build)`, async () => {
      const { result, violations, policies, consoleErrors } = await open(`strict-${build}`);
      expect(result).to.deep.equal({ type: 'ready', status: 'initialized' });
      expect(violations).to.deep.equal([]);
      expect(consoleErrors).to.deep.equal([]);
      // No Trusted Types policy of its own where none is needed.
      expect(policies).to.not.include('crypto-onramp');
    });

    it(`works with Trusted Types enforced, through one named policy (${build} build)`, async () => {
      const { result, violations, policies, consoleErrors } = await open(`trusted-types-${build}`);
      expect(result).to.deep.equal({ type: 'ready', status: 'initialized' });
      expect(policies.filter((name) => name === 'crypto-onramp')).to.have.length(1);
      // Stripe's two loaders each try a plain-string script URL first; those blocked attempts are
      // the only violations (the element's own injections go through its policy).
      expect(violations.length).to.be.at.most(2);
      for (const v of violations) expect(v).to.deep.equal({ directive: 'require-trusted-types-for', blocked: 'trusted-types-sink' });
      // Each engine logs those same blocked attempts in its own words (Chromium names the type,
      // Firefox the directive); nothing else may be logged.
      expect(consoleErrors.filter((e) => !/TrustedScriptURL|require-trusted-types-for/.test(e))).to.deep.equal([]);
    });
  }

  it("reports stripe_load_failed when Trusted Types refuse the element's policy, in the page's language", async () => {
    const { result, policies } = await open('trusted-types-refused-de');
    expect(policies).to.include('crypto-onramp');
    expect(de.trustedTypes).to.not.equal(SENTENCES.trustedTypes);
    expect(result).to.deep.equal({ type: 'error', detail: { code: 'stripe_load_failed', message: de.trustedTypes, retryable: true } });
  });

  it('reports stripe_load_failed naming the directive and host when the CSP blocks Stripe', async () => {
    // The page sets scriptTimeout to 60 s: an error within this test can only come from the CSP path.
    const { result, violations } = await open('blocked-cdn');
    expect(result.type).to.equal('error');
    const { detail } = result as { detail: { code: string; message: string } };
    expect(detail.code).to.equal('stripe_load_failed');
    expect(detail.message).to.match(/script-src(-elem)?/);
    expect(detail.message).to.contain('https://js.stripe.com');
    expect(violations.some((v) => v.blocked.startsWith('https://js.stripe.com'))).to.equal(true);
  });

  it('is not misled by a blocked frame of a Stripe origin: only blocked scripts are a load failure', async () => {
    const { result, violations } = await open('frame-blocked-cdn');
    // The violation happened, for a frame, while Stripe's scripts loaded; the scripts ran.
    expect(violations.some((v) => v.directive === 'frame-src' && v.blocked.startsWith('https://js.stripe.com'))).to.equal(true);
    expect(result).to.deep.equal({ type: 'ready', status: 'initialized' });
  });
});
