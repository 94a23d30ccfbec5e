/** `loading="lazy"` mints only when the element comes near the viewport. */
import { expect } from '@open-wc/testing';
import { cleanup, createOnramp, newLog, nextTask, requestLog } from './support/helpers.js';

describe('<crypto-onramp loading="lazy">', () => {
  afterEach(cleanup);

  it('waits for the viewport', async () => {
    const spacer = document.createElement('div');
    spacer.style.height = '5000px';
    document.body.append(spacer);
    const log = newLog();
    const { el, events } = createOnramp({ attributes: { 'session-url': `/test-api/session?log=${log}`, loading: 'lazy' } });
    await el.updateComplete;
    // Two frames: an IntersectionObserver reports its first entries after a rendering update.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await nextTask();
    expect(await requestLog(log)).to.have.length(0);
    expect(el.state).to.equal('idle');

    el.scrollIntoView();
    await events.nth('crypto-onramp-ready', 1);
    expect(await requestLog(log)).to.have.length(1);
    spacer.remove();
  });

  it('starts at once when switched to eager while waiting', async () => {
    const spacer = document.createElement('div');
    spacer.style.height = '5000px';
    document.body.append(spacer);
    const log = newLog();
    window.scrollTo(0, 0);
    const { el, events } = createOnramp({ attributes: { 'session-url': `/test-api/session?log=${log}`, loading: 'lazy' } });
    await el.updateComplete;
    // Two frames: the observer has reported the element far from the viewport.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await nextTask();
    expect(el.state).to.equal('idle');
    expect(await requestLog(log)).to.have.length(0);
    el.loading = 'eager';
    await events.nth('crypto-onramp-ready', 1);
    expect(await requestLog(log)).to.have.length(1);
    spacer.remove();
  });
});
