/**
 * Fails a page's requests whose URL matches a pattern, as a refused connection would: for a lazy
 * chunk of the drop-in that cannot load. Through the DevTools protocol's Fetch domain with that one
 * pattern, like the emulator's routing, so the page's other requests are never paused.
 */
import type { CDPSession, Page } from 'playwright';

interface PageFailures {
  cdp: CDPSession;
  /** Requests failed under the current pattern. */
  count: number;
}

const pages = new WeakMap<Page, PageFailures>();

/**
 * Fails this page's requests matching `urlPattern` (DevTools syntax, `*` a wildcard) from now on;
 * `null` stops. Resolves with how many requests failed under the previous pattern, so a test can
 * tell that the failure it set up did happen.
 */
export async function failRequests(page: Page, urlPattern: string | null): Promise<number> {
  let failures = pages.get(page);
  if (!failures) {
    const cdp = await page.context().newCDPSession(page);
    const created: PageFailures = { cdp, count: 0 };
    cdp.on('Fetch.requestPaused', ({ requestId }) => {
      created.count++;
      void cdp.send('Fetch.failRequest', { requestId, errorReason: 'ConnectionRefused' }).catch(() => undefined);
    });
    pages.set(page, (failures = created));
  }
  const previous = failures.count;
  failures.count = 0;
  await (urlPattern === null ? failures.cdp.send('Fetch.disable') : failures.cdp.send('Fetch.enable', { patterns: [{ urlPattern }] }));
  return previous;
}
