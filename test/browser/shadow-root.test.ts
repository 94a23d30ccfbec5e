/** `<crypto-onramp>` inside other components' shadow roots still mounts in the document's light DOM. */
import { expect } from '@open-wc/testing';
import { cleanup, createOnramp, iframes, mountNodes } from './support/helpers.js';

class HostCard extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).innerHTML = '<div class="inner"></div>';
  }
}
customElements.define('host-card', HostCard);

describe('<crypto-onramp> in shadow roots', () => {
  afterEach(cleanup);

  it('projects the light-DOM mount node through every shadow root', async () => {
    const outer = document.createElement('host-card');
    document.body.append(outer);
    const inner = document.createElement('host-card');
    outer.shadowRoot!.querySelector('.inner')!.append(inner);
    const { el, events } = createOnramp({ attributes: { 'session-url': '/test-api/session' } }, inner.shadowRoot!.querySelector('.inner')!);

    await events.nth('crypto-onramp-ready', 1);
    const [node] = mountNodes();
    expect(node!.getRootNode()).to.equal(document);
    expect(node!.parentElement).to.equal(outer);
    expect(node!.querySelector('iframe')).to.exist;
    // The node renders inside the element's mount slot, through the breadcrumb slots.
    const slot = el.shadowRoot!.querySelector('slot[name="mount"]') as HTMLSlotElement;
    expect(slot.assignedElements({ flatten: true })).to.deep.equal([node]);
    expect(node!.getBoundingClientRect().height).to.be.greaterThan(0);

    el.remove();
    expect(mountNodes()).to.have.length(0);
    expect(iframes()).to.have.length(0);
    expect(outer.querySelectorAll('slot').length + inner.querySelectorAll('slot').length).to.equal(0);
    outer.remove();
  });
});
