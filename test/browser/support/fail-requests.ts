/**
 * Fails a page's requests whose URL matches a pattern, as a refused connection would: for a lazy
 * chunk of the drop-in that cannot load. Through the DevTools protocol's Fetch domain with that one
 * pattern, like the emulator's routing, so the page's other requests are never paused.
 *
 * A change of pattern takes effect in the page's own network stack, which the browser updates
 * apart from the protocol's answer. So the change is proven in the page before this resolves: a
 * probe request (a path of its own, matched by a second pattern of the same interception, never
 * counted) fails once the pattern is live, and reaches the server once it is gone. One CI run saw
 * a chunk load that the pattern should have failed, with the element created right after.
 */
import type { CDPSession, Page } from 'playwright';

interface PageFailures {
  cdp: CDPSession;
  /** Requests failed under the current pattern (the probes aside). */
  count: number;
}

const pages = new WeakMap<Page, PageFailures>();

/** Answered 204 by the harness (harness.ts, `endpoints`), so a probe that gets through is no 404. */
const PROBE_PATH = '/test-api/fail-requests-probe';
/** How many probes a change may take to show in the page before the harness gives up. */
const PROBE_LIMIT = 200;

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
    cdp.on('Fetch.requestPaused', ({ requestId, request }) => {
      if (!request.url.includes(PROBE_PATH)) created.count++;
      void cdp.send('Fetch.failRequest', { requestId, errorReason: 'ConnectionRefused' }).catch(() => undefined);
    });
    pages.set(page, (failures = created));
  }
  const previous = failures.count;
  failures.count = 0;
  if (urlPattern === null) await failures.cdp.send('Fetch.disable');
  else await failures.cdp.send('Fetch.enable', { patterns: [{ urlPattern }, { urlPattern: `*${PROBE_PATH}*` }] });
  await probe(page, urlPattern !== null);
  return previous;
}

/**
 * Waits until a probe request from the page fails (`failing`) or does not: the page's network stack
 * has the change. A page without an http(s) document yet (a new tab before its first navigation)
 * needs none: its first navigation builds that stack with the change in it.
 */
async function probe(page: Page, failing: boolean): Promise<void> {
  if (!/^https?:/.test(page.url())) return;
  for (let attempt = 0; attempt < PROBE_LIMIT; attempt++) {
    const failed = await page.evaluate(
      (url) => fetch(url, { cache: 'no-store' }).then(() => false, () => true),
      `${PROBE_PATH}?${attempt}`,
    );
    if (failed === failing) return;
  }
  throw new Error(`fail-requests: after ${PROBE_LIMIT} probes the page still ${failing ? 'loads' : 'fails'} what the change says it should not`);
}
