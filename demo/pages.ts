/** The demo's pages, for the server (what it serves and prints), the screenshots and the smoke test. */

export interface DemoPage {
  /** Short name, used for screenshot file names. */
  name: string;
  /** Path on the demo server. */
  path: string;
  title: string;
  /**
   * Emulator mode loads the emulator's stand-ins for Stripe's two scripts into each page, except
   * where the page demonstrates what happens without them.
   */
  standIn: boolean;
  /** Served with this Content-Security-Policy (see `cspFor`). */
  csp?: 'blocks-stripe';
  /** Only ever shown inside another page's iframe; not screenshotted on its own. */
  framed?: boolean;
  /** One of the framework examples in `demo/frameworks/` (the index lists them apart). */
  framework?: boolean;
}

export const DEMO_PAGES: readonly DemoPage[] = [
  { name: 'index', path: '/', title: 'All demos', standIn: true },
  { name: 'quick-start', path: '/demo/quick-start.html', title: 'Quick start', standIn: true },
  { name: 'configurator', path: '/demo/configurator.html', title: 'Configurator', standIn: true },
  { name: 'purchase', path: '/demo/purchase.html', title: 'A purchase, confirmed on the server', standIn: true },
  { name: 'failures', path: '/demo/failures.html', title: 'Failure modes', standIn: true },
  // Stripe's scripts blocked by the page's CSP: the stand-ins would make the scripts unnecessary.
  { name: 'csp', path: '/demo/csp.html', title: "Stripe's script blocked by the page's CSP", standIn: false, csp: 'blocks-stripe' },
  { name: 'composition', path: '/demo/composition.html', title: 'Shadow roots and several elements', standIn: true },
  { name: 'hosted', path: '/demo/hosted.html', title: 'The hosted onramp (redirect_url)', standIn: true },
  { name: 'quotes', path: '/demo/quotes.html', title: 'Quotes beside the onramp', standIn: true },
  { name: 'redirect', path: '/demo/redirect.html', title: 'Redirect mode', standIn: true },
  // The stand-in's StripeOnramp.Standalone builds the link; no keys, no session endpoint.
  { name: 'standalone', path: '/demo/standalone.html', title: 'Standalone mode (no backend)', standIn: true },
  // Stripe's onramp script (and its stand-in) refuses to run in a framed page; the element does not load it there.
  { name: 'framed', path: '/demo/framed.html', title: 'Framed page', standIn: false, framed: true },
  // The same small app in each framework (demo/frameworks/); the plain-HTML one loads the drop-in bundle.
  { name: 'framework-html', path: '/demo/frameworks/html/', title: 'Plain HTML (the drop-in bundle)', standIn: true, framework: true },
  { name: 'framework-react', path: '/demo/frameworks/react/', title: 'React', standIn: true, framework: true },
  { name: 'framework-vue', path: '/demo/frameworks/vue/', title: 'Vue', standIn: true, framework: true },
  { name: 'framework-svelte', path: '/demo/frameworks/svelte/', title: 'Svelte', standIn: true, framework: true },
  { name: 'framework-angular', path: '/demo/frameworks/angular/', title: 'Angular', standIn: true, framework: true },
];

export function pageFor(pathname: string): DemoPage | undefined {
  // Vite names a directory's page by its file (`/index.html`, `/demo/frameworks/react/index.html`).
  const path = pathname.endsWith('/index.html') ? pathname.slice(0, -'index.html'.length) : pathname;
  return DEMO_PAGES.find((page) => page.path === path);
}

/**
 * A strict policy of the kind many sites ship, which forgot Stripe's hosts. It allows what Vite's
 * dev client needs (its scripts from 'self', its WebSocket, the styles it injects).
 */
export function cspFor(page: DemoPage, host: string | undefined): string | undefined {
  if (page.csp !== 'blocks-stripe') return undefined;
  const ws = host ? ` ws://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self'${ws}`,
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');
}
