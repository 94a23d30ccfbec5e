/**
 * Fails a page's requests whose URL matches a pattern, as a refused connection would: for a lazy
 * chunk of the drop-in that cannot load. Through the DevTools protocol's Fetch domain with that one
 * pattern, like the emulator's routing, so the page's other requests are never paused.
 */
import type { CDPSession, Page } from 'playwright';

const sessions = new WeakMap<Page, CDPSession>();

/** Fails this page's requests matching `urlPattern` (DevTools syntax, `*` a wildcard) from now on; `null` stops. */
export async function failRequests(page: Page, urlPattern: string | null): Promise<void> {
  let cdp = sessions.get(page);
  if (!cdp) {
    const session = await page.context().newCDPSession(page);
    session.on('Fetch.requestPaused', ({ requestId }) => void session.send('Fetch.failRequest', { requestId, errorReason: 'ConnectionRefused' }).catch(() => undefined));
    sessions.set(page, (cdp = session));
  }
  await (urlPattern === null ? cdp.send('Fetch.disable') : cdp.send('Fetch.enable', { patterns: [{ urlPattern }] }));
}
