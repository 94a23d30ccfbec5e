'use client';
// The plain tag: camelCase props are written by React's server as attributes (which the element
// reads), kebab-case attributes as they are. suppressHydrationWarning: the element reflects
// `state`, `theme` and `loading` when it upgrades, before React hydrates.
import 'crypto-onramp-element/react';

export function PlainOnramp() {
  return (
    <crypto-onramp
      suppressHydrationWarning
      session-url="/api/onramp-session"
      destinationCurrency="eth"
      destination-network="ethereum"
      destination-currencies="eth usdc"
    />
  );
}
