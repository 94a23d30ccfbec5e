/** Shared by the framework browser tests (test/browser/framework-*.test.ts). */

/** A promise with its resolver, for a framework's event handler to settle. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Resolves once `predicate()` holds, re-checking on every DOM mutation under `root` (frameworks
 * render asynchronously after an event; this waits for the render, not for a fixed time).
 */
export function until(root: Node, predicate: () => boolean, what = 'condition', timeoutMs = 8000): Promise<void> {
  if (predicate()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => {
      if (!predicate()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    });
    observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
  });
}

/** A fresh container in the document, removed by `removeContainers()`. */
const containers: HTMLElement[] = [];
export function container(): HTMLElement {
  const el = document.createElement('div');
  document.body.append(el);
  containers.push(el);
  return el;
}
export function removeContainers(): void {
  for (const el of containers.splice(0)) el.remove();
}

/** Sets a `<select>`'s value the way a user does: the value, then a bubbling `change` (and `input`). */
export function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('input', { bubbles: true }));
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

export function statusText(root: ParentNode): string {
  return root.querySelector('[role="status"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

/** The wallet the framework tests bind to their element. */
export const FRAMEWORK_TEST_WALLET = '0x4675c7e5baafbffbca748158becba61ef3b0a263';

/**
 * The minting request's body for the presets every framework test binds (currency, network, the
 * currency list, wallet, lock): the same expectation in the React, Vue and Svelte tests.
 */
export const FRAMEWORK_TEST_PRESETS = {
  destination_currency: 'eth',
  destination_network: 'ethereum',
  destination_currencies: ['eth', 'usdc'],
  wallet_addresses: { ethereum: FRAMEWORK_TEST_WALLET },
  lock_wallet_address: true,
} as const;
