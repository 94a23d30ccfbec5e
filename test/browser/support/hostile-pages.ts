/**
 * Top-level pages served with real Content-Security-Policy headers, for the hostile-page tests.
 * They are opened by a server command in a new tab (an iframe would be a framed page, which is a
 * different scenario), load the element from the drop-in bundle or the npm build, and report what
 * happened through `window.result`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Driver } from './drivers.js';

/** The hosts the README's CSP lists (docs/architecture.md, "What was relied on"), plus the emulator, whose iframe stands in for Stripe's. */
function readmeCsp(emulatorOrigin: string, extra = ''): string {
  return [
    "default-src 'self'",
    "script-src 'self' https://js.stripe.com https://crypto-js.stripe.com",
    `frame-src https://js.stripe.com https://*.js.stripe.com https://crypto-js.stripe.com https://hooks.stripe.com https://b.stripecdn.com ${emulatorOrigin}`,
    "connect-src 'self' https://api.stripe.com",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    extra,
  ]
    .filter(Boolean)
    .join('; ');
}

export interface HostileScenario {
  csp: (emulatorOrigin: string) => string;
  /** The module that registers the element: the drop-in bundle or the npm build. */
  entry: '/dist/cdn/crypto-onramp.js' | '/dist/element/define.js';
  /** Requests of the page that fail (a URL pattern, `*` a wildcard): a lazy chunk that cannot load. */
  failing?: string;
  /** The page frames a Stripe URL its policy blocks once the element is defined, as Stripe.js's hidden frames would. */
  framesStripe?: boolean;
  /** The page's language (`<html lang>`); English when not given. */
  lang?: string;
}

export const SCENARIOS: Record<string, HostileScenario> = {
  'strict-cdn': { csp: (o) => readmeCsp(o), entry: '/dist/cdn/crypto-onramp.js' },
  'strict-npm': { csp: (o) => readmeCsp(o), entry: '/dist/element/define.js' },
  // A policy that forgot Stripe's hosts: only 'self' may run scripts.
  'blocked-cdn': {
    csp: (o) => readmeCsp(o).replace("script-src 'self' https://js.stripe.com https://crypto-js.stripe.com", "script-src 'self'"),
    entry: '/dist/cdn/crypto-onramp.js',
  },
  // A policy that lets Stripe's scripts run but not a frame of js.stripe.com: not a script failure.
  'frame-blocked-cdn': {
    csp: (o) => readmeCsp(o).replace('frame-src https://js.stripe.com https://*.js.stripe.com ', 'frame-src '),
    entry: '/dist/cdn/crypto-onramp.js',
    framesStripe: true,
  },
  'trusted-types-cdn': {
    csp: (o) => readmeCsp(o, "require-trusted-types-for 'script'; trusted-types crypto-onramp lit-html"),
    entry: '/dist/cdn/crypto-onramp.js',
  },
  // Trusted Types need the drop-in's script-injector chunk at once; here it cannot load.
  'trusted-types-cdn-no-chunk': {
    csp: (o) => readmeCsp(o, "require-trusted-types-for 'script'; trusted-types crypto-onramp lit-html"),
    entry: '/dist/cdn/crypto-onramp.js',
    failing: '*/dist/cdn/crypto-onramp-script-injector.js*',
  },
  // Trusted Types enforced by a policy that does not allow the element's own, in German.
  'trusted-types-refused-de': {
    csp: (o) => readmeCsp(o, "require-trusted-types-for 'script'; trusted-types lit-html"),
    entry: '/dist/cdn/crypto-onramp.js',
    lang: 'de',
  },
  'trusted-types-npm': {
    csp: (o) => readmeCsp(o, "require-trusted-types-for 'script'; trusted-types crypto-onramp lit-html"),
    entry: '/dist/element/define.js',
  },
};

/** Runs before the element: records violations, Trusted Types policies, and the element's outcome. */
const GLUE = `
window.pageErrors = [];
window.addEventListener('error', function (e) { window.pageErrors.push(String(e.message)); });
window.addEventListener('unhandledrejection', function (e) { window.pageErrors.push(String(e.reason)); });
window.violations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI });
});
window.policies = [];
if (window.trustedTypes) {
  var create = trustedTypes.createPolicy.bind(trustedTypes);
  trustedTypes.createPolicy = function (name, rules) { window.policies.push(name); return create(name, rules); };
}
var el = document.querySelector('crypto-onramp');
// Long enough that only a CSP violation, not the timeout, can fail the load within a test.
el.scriptTimeout = 60000;
window.result = new Promise(function (resolve) {
  el.addEventListener('crypto-onramp-ready', function (e) { resolve({ type: 'ready', status: e.detail.session.status }); });
  el.addEventListener('crypto-onramp-error', function (e) { resolve({ type: 'error', detail: e.detail }); });
});
`;

/** Frames a js.stripe.com URL as soon as the element is defined, while Stripe's scripts load. */
const STRIPE_FRAME = `
customElements.whenDefined('crypto-onramp').then(function () {
  var frame = document.createElement('iframe');
  frame.src = 'https://js.stripe.com/v3/m-outer.html';
  document.body.append(frame);
});
`;

export function hostilePages(emulatorOrigin: string) {
  return async function serve(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/test-pages/stripe-frame.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      res.end(STRIPE_FRAME);
      return true;
    }
    if (url.pathname === '/test-pages/glue.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      res.end(GLUE);
      return true;
    }
    const name = url.pathname.startsWith('/test-pages/') ? url.pathname.slice('/test-pages/'.length) : undefined;
    const scenario = name ? SCENARIOS[name] : undefined;
    if (!scenario) return false;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': scenario.csp(emulatorOrigin) });
    res.end(`<!doctype html>
<html lang="${scenario.lang ?? 'en'}"><head><meta charset="utf-8"><title>${name}</title>
<script type="module" src="${scenario.entry}"></script></head>
<body><crypto-onramp session-url="/test-api/session"></crypto-onramp>
<script src="/test-pages/glue.js"></script>${scenario.framesStripe ? '<script src="/test-pages/stripe-frame.js"></script>' : ''}</body></html>`);
    return true;
  };
}

export interface HostileResult {
  result: { type: 'ready'; status: string } | { type: 'error'; detail: { code: string; message: string } } | { type: 'timeout' };
  violations: Array<{ directive: string; blocked: string }>;
  policies: string[];
  consoleErrors: string[];
}

/** Opens a scenario in a new top-level tab of the test's browser and reports its outcome. */
export async function openHostilePage(
  driver: Driver,
  origin: string,
  name: string,
  failRequests: (urlPattern: string | null) => number,
): Promise<HostileResult> {
  const page = await driver.newPage();
  const failing = SCENARIOS[name]?.failing;
  try {
    if (failing) failRequests(failing);
    await page.goto(`${origin}/test-pages/${name}`);
    const result = await page.evaluate(
      () =>
        Promise.race([
          (window as unknown as { result: Promise<unknown> }).result,
          new Promise((resolve) => setTimeout(() => resolve({ type: 'timeout' }), 15_000)),
        ]),
    );
    const { violations, policies, pageErrors } = await page.evaluate(() => ({
      violations: (window as unknown as { violations: HostileResult['violations'] }).violations,
      policies: (window as unknown as { policies: string[] }).policies,
      pageErrors: (window as unknown as { pageErrors?: string[] }).pageErrors ?? [],
    }));
    return { result: result as HostileResult['result'], violations, policies, consoleErrors: [...page.consoleErrors, ...pageErrors.filter((e) => !page.consoleErrors.some((c) => c.includes(e)))] };
  } finally {
    if (failing) failRequests(null);
    await page.close();
  }
}
