/**
 * Stripe's script as observed (docs/architecture.md "What was relied on"), which the stand-in reproduces:
 * every SDK session on the page hears every Stripe frame, and a frame announces itself on every
 * load. Several elements share a page with no cross-talk, a move is one ready, and a secret Stripe
 * does not know ends in `ready_timeout` rather than a spinner forever. `npm test` runs it against
 * both SDK versions (`STAND_IN_SDK=legacy`: no `setAppearance`).
 */
import { expect } from '@open-wc/testing';
const EMULATOR_PUBLISHABLE_KEY = 'pk_test_emulator';
import { cleanup, createOnramp, driveStatus, iframes, mountNodes, sdkHasSetAppearance, type EventRecorder } from './support/helpers.js';

const SESSION = '/test-api/session';
const PURCHASE = ['requires_payment', 'fulfillment_processing', 'fulfillment_complete'] as const;

/** Every event the element fired is about its own session. */
function expectOnlyOwn(events: EventRecorder, id: string): void {
  for (const { type, detail } of events.events) {
    expect((detail as { session?: { id: string } }).session?.id, type).to.equal(id);
  }
}

describe('<crypto-onramp> beside others, against Stripe as observed', () => {
  afterEach(cleanup);

  for (const count of [2, 3]) {
    it(`${count} elements through full purchases in interleaved order: each sees only its own events and statuses`, async () => {
      const onramps = Array.from({ length: count }, (_, i) =>
        createOnramp({ attributes: { 'session-url': SESSION, theme: i % 2 ? 'dark' : 'light' } }),
      );
      await Promise.all(onramps.map(({ events }) => events.nth('crypto-onramp-ready', 1)));
      const ids = onramps.map(({ el }) => el.session!.id);
      expect(new Set(ids).size).to.equal(count);

      // Step by step, alternating the order: the last element moves first, then the first.
      for (const [step, status] of PURCHASE.entries()) {
        const order = step % 2 ? [...onramps.keys()] : [...onramps.keys()].reverse();
        for (const i of order) {
          const { events } = onramps[i]!;
          const changed = events.next('crypto-onramp-status-change');
          await driveStatus(ids[i]!, status);
          // The frame's message reaches every SDK session on the page in the same task:
          // by the time this element has heard its own, the others have heard it too.
          expect((await changed).detail).to.deep.include({ status, previousStatus: step ? PURCHASE[step - 1] : 'initialized' });
        }
      }

      onramps.forEach(({ el, events }, i) => {
        expectOnlyOwn(events, ids[i]!);
        expect(events.of('crypto-onramp-status-change').map((d) => d.status)).to.deep.equal(['initialized', ...PURCHASE]);
        expect(events.of('crypto-onramp-session-updated').map((d) => d.session.status)).to.deep.equal([...PURCHASE]);
        expect(events.count('crypto-onramp-ready')).to.equal(1);
        expect(events.count('crypto-onramp-error')).to.equal(0);
        expect(el.session!.id).to.equal(ids[i]);
        expect(el.status).to.equal('fulfillment_complete');
      });
      expect(iframes()).to.have.length(count);
    });
  }

  it("fires exactly one ready per mount when moved, though Stripe's reloaded frame announces itself again", async () => {
    const a = createOnramp({ attributes: { 'session-url': SESSION } });
    const b = createOnramp({ attributes: { 'session-url': SESSION } });
    await Promise.all([a.events.nth('crypto-onramp-ready', 1), b.events.nth('crypto-onramp-ready', 1)]);
    const [idA, idB] = [a.el.session!.id, b.el.session!.id];
    for (let move = 1; move <= 2; move++) {
      const elsewhere = document.createElement('section');
      document.body.append(elsewhere);
      elsewhere.append(a.el);
      await a.events.nth('crypto-onramp-ready', 1 + move);
    }
    // The reloaded frame announces itself before it reports any update: once the update is
    // heard, every re-announcement has been too.
    const updated = a.events.next('crypto-onramp-session-updated');
    await driveStatus(idA, 'requires_payment');
    await updated;
    expect(a.events.count('crypto-onramp-ready')).to.equal(3); // the first mount and two moves
    expect(b.events.count('crypto-onramp-ready')).to.equal(1);
    expect(a.events.of('crypto-onramp-status-change').map((d) => d.status)).to.deep.equal(['initialized', 'requires_payment']);
    expectOnlyOwn(a.events, idA);
    expectOnlyOwn(b.events, idB);
    expect(b.el.status).to.equal('initialized');
    expect(iframes()).to.have.length(2);
    expect(mountNodes()).to.have.length(2);
    for (const section of document.querySelectorAll('section')) section.remove();
  });

  it('a theme change is at most one ready, and the other element hears nothing of it', async () => {
    const a = createOnramp({ attributes: { 'session-url': SESSION } });
    const b = createOnramp({ attributes: { 'session-url': SESSION } });
    await Promise.all([a.events.nth('crypto-onramp-ready', 1), b.events.nth('crypto-onramp-ready', 1)]);
    const idA = a.el.session!.id;
    const setAppearance = sdkHasSetAppearance();
    a.el.theme = 'dark';
    if (!setAppearance) await a.events.nth('crypto-onramp-ready', 2); // a new SDK session, a new mount
    const updated = a.events.next('crypto-onramp-session-updated');
    await driveStatus(idA, 'requires_payment');
    await updated;
    expect(a.events.count('crypto-onramp-ready')).to.equal(setAppearance ? 1 : 2);
    expect(b.events.count('crypto-onramp-ready')).to.equal(1);
    expect(b.events.count('crypto-onramp-session-updated')).to.equal(0);
    expect(a.el.session!.id).to.equal(idA);
    expect(iframes()).to.have.length(2);
  });

  it('ready_timeout: a well-formed secret Stripe does not know never announces itself', async () => {
    const secret = 'cos_1Unknown0Session_secret_abc123';
    const { el, events } = createOnramp({ clientSecret: secret, publishableKey: EMULATOR_PUBLISHABLE_KEY, readyTimeout: 300 });
    const error = await events.nth('crypto-onramp-error', 1);
    expect(error.detail).to.deep.equal({
      code: 'ready_timeout',
      message: "Stripe's onramp did not appear within 0.3 seconds.",
      retryable: true,
    });
    await el.updateComplete;
    expect(el.state).to.equal('error');
    expect(events.count('crypto-onramp-ready')).to.equal(0);
    expect(mountNodes()).to.have.length(0);
    expect(el.shadowRoot!.querySelector('[part="retry-button"]')).to.exist;
    // refresh() starts over, and times out again (once).
    el.refresh();
    await events.nth('crypto-onramp-error', 2);
    expect(events.count('crypto-onramp-error')).to.equal(2);
  });
});
