/**
 * `mode="redirect"`, once the session is minted: the session's `redirect_url` (the hosted onramp)
 * is checked, announced with a cancelable `crypto-onramp-redirect`, and opened in the tab the click
 * opened or in this window. Loaded on demand by the session controller, which mints first: the
 * drop-in's entry carries only the click.
 */
import type { MintResponse } from '../../shared/session.js';
import { redactSecrets } from '../../shared/redact-secrets.js';
import type { CryptoOnrampError } from '../errors.js';
import { elementError } from './element-error.js';
import { emit } from './emit.js';
import { toOnrampError } from './failures.js';
import { safeHttpUrl } from './safe-url.js';
import { sessionIdOf } from './session-id.js';

/**
 * The hosted onramp's URL from a mint answer. Refused: no `redirect_url` (the server kit answers it
 * only with `policy.hostedFallback`), a non-http(s) URL, or one carrying a secret.
 */
export function hostedUrl(minted: MintResponse): string {
  const url = safeHttpUrl(minted.redirect_url)?.href;
  if (!url || redactSecrets(url) !== url) {
    throw elementError('redirect_unavailable', 'noRedirectUrl', { param: 'redirect_url' });
  }
  return url;
}

/**
 * Opens `minted`'s hosted onramp in `tab` (`_blank`; `null`: the popup was blocked) or in this
 * window (`tab` undefined). Failures go to `fail`, a blocked popup with the URL for a link.
 */
export function redirect(
  host: HTMLElement,
  minted: MintResponse,
  tab: Window | null | undefined,
  fail: (error: CryptoOnrampError, link?: string) => void,
): void {
  // `opener` is cut as `noopener` would, which `window.open` cannot combine with keeping the tab
  // to navigate it once the session is minted.
  if (tab) tab.opener = null;
  let url: string | undefined;
  try {
    url = hostedUrl(minted);
    if (tab === null) throw elementError('popup_blocked', 'popupBlocked');
    const detail = { sessionId: sessionIdOf(minted.client_secret), url, target: tab ? '_blank' : '_self' } as const;
    if (emit(host, 'crypto-onramp-redirect', detail, true)) return (tab ?? window).location.assign(url);
  } catch (error) {
    fail(toOnrampError(error), url);
  }
  tab?.close();
}
