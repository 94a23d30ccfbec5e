/**
 * `<crypto-onramp>` rendered to HTML by `@lit-labs/ssr`: used by test/node/framework-ssr.test.ts
 * and, through ssr-render.ts in a child process, by the browser hydration test.
 */
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../src/element/define.js';

export interface SsrOptions {
  sessionUrl: string;
  loading?: 'eager' | 'lazy' | undefined;
}

export function renderOnramp({ sessionUrl, loading }: SsrOptions): Promise<string> {
  return collectResult(
    render(html`<crypto-onramp session-url=${sessionUrl} destination-currency="eth" destination-network="ethereum" loading=${ifDefined(loading)}></crypto-onramp>`),
  );
}
