/**
 * Fails the test server's own requests whose path matches a pattern: a lazy chunk of the drop-in
 * that cannot load. A step of the server, so it works the same in every engine, and takes effect
 * for the very next request (no browser-side interception to catch up with).
 *
 * The answer is a 503. For a module, any answer but a 2xx fails the load exactly as a dropped
 * connection does. A dropped connection itself would blur the counts: Chromium silently retries a
 * request whose reused keep-alive connection closed without an answer. (Stripe's scripts, where the
 * two kinds of failure differ in WebKit, are failed through the proxy's modes.)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RequestFailures {
  /**
   * Fails requests whose URL path matches `urlPattern` (`*` a wildcard; the query is ignored, so a
   * retry with a fresh query fails too while the pattern stands) from now on; `null` stops. Resolves
   * with how many requests failed under the previous pattern, so a test can tell that the failure it
   * set up did happen.
   */
  set(urlPattern: string | null): number;
  /** For the server's middleware: true when it dropped this request. */
  fails(req: IncomingMessage, res: ServerResponse): boolean;
}

export function createRequestFailures(): RequestFailures {
  let pattern: RegExp | null = null;
  let count = 0;
  return {
    set(urlPattern) {
      const previous = count;
      count = 0;
      pattern = urlPattern === null ? null : wildcard(urlPattern);
      return previous;
    },
    fails(req, res) {
      if (pattern === null) return false;
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (!pattern.test(path)) return false;
      count++;
      res.writeHead(503, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store', Vary: '*' }).end('Failed on purpose by the test.');
      return true;
    },
  };
}

/** `*` matches anything; every other character itself. Anchored: `*name.js` matches a path ending in it. */
function wildcard(pattern: string): RegExp {
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*');
  return new RegExp(`^${pattern.startsWith('*') || pattern.startsWith('/') ? '' : '.*'}${source}$`);
}
