'use client';
// The typed component, as docs/frameworks.md recommends: rendered on the server, hydrated here.
import { useState } from 'react';
import { CryptoOnramp } from 'crypto-onramp-element/react';

export function Onramp() {
  const [lastError, setLastError] = useState('');
  return (
    <>
      <CryptoOnramp
        sessionUrl="/api/onramp-session"
        destinationCurrency="eth"
        destinationNetwork="ethereum"
        destinationCurrencies={['eth', 'usdc']}
        onError={(event) => setLastError(event.detail.code)}
      />
      <p id="last-error">{lastError}</p>
    </>
  );
}
