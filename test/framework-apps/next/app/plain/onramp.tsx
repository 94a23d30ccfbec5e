'use client';
// The plain tag: camelCase props are written by React's server as attributes (which the element
// reads), kebab-case attributes as they are. suppressHydrationWarning: the element reflects
// `state`, `theme` and `loading` when it upgrades, before React hydrates. The mount node: where
// Stripe's frame goes, rendered here so that React finds it when it hydrates after the frame is in.
import 'crypto-onramp-element/react';

export function PlainOnramp() {
  return (
    <crypto-onramp
      suppressHydrationWarning
      session-url="/api/onramp-session"
      destinationCurrency="eth"
      destination-network="ethereum"
      destination-currencies="eth usdc"
    >
      <div slot="mount" data-crypto-onramp-mount="" suppressHydrationWarning dangerouslySetInnerHTML={{ __html: '' }} />
    </crypto-onramp>
  );
}
