/**
 * A page inside an iframe (Storybook, a partner's embed): Stripe's script refuses to run there,
 * so the element reports unsupported_context and offers the hosted onramp as a real link.
 */
import { expect } from '@open-wc/testing';

describe('<crypto-onramp> in a framed page', () => {
  it('reports unsupported_context and links to the hosted onramp', async () => {
    const iframe = document.createElement('iframe');
    const result = new Promise<MessageEvent['data']>((resolve) => {
      window.addEventListener('message', function onMessage(event) {
        if (event.source !== iframe.contentWindow || event.data?.type !== 'framed-result') return;
        window.removeEventListener('message', onMessage);
        resolve(event.data);
      });
    });
    iframe.src = '/test/browser/fixtures/framed.html';
    document.body.append(iframe);
    const data = await result;
    expect(data.detail).to.deep.include({ code: 'unsupported_context', retryable: false });
    expect(data.link.href).to.match(/^http:\/\/127\.0\.0\.1:\d+\/hosted\?session_hash=/);
    expect(data.link.target).to.equal('_blank');
    expect(data.link.rel).to.contain('noopener');
    expect(data.stripeScripts).to.equal(0);
    expect(data.hasStripeOnramp).to.equal('undefined');
    iframe.remove();
  });
});
