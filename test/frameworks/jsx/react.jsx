// Type fixture: React 19 JSX against src/frameworks/react.ts. Every `@ts-expect-error` must be
// needed (tsc fails on an unused one), so loosened typings fail this check as surely as broken ones.
import { useRef, useState } from 'react';
import { CryptoOnramp } from '../../../src/frameworks/react.js';

export function Typed() {
  const [currency] = useState('eth');
  /** @type {import('react').RefObject<import('../../../src/element/crypto-onramp.js').CryptoOnramp | null>} */
  const ref = useRef(null);
  return (
    <>
      <crypto-onramp
        ref={ref}
        session-url="/api/onramp-session"
        destinationCurrency={currency}
        destination-network="ethereum"
        destinationCurrencies={['eth', 'usdc']}
        destination-networks="ethereum base"
        lock-wallet-address
        theme="dark"
        sessionParams={{ source_currency: 'usd' }}
        className="onramp"
        oncrypto-onramp-ready={(e) => e.detail.session.id.toUpperCase()}
        oncrypto-onramp-status-change={(e) => e.detail.previousStatus}
        oncrypto-onramp-error={(e) => e.detail.code === 'session_http_error' && e.preventDefault()}
      />
      <CryptoOnramp
        ref={ref}
        sessionUrl="/api/onramp-session"
        destinationCurrency={currency}
        lockWalletAddress={false}
        onReady={(e) => e.detail.session.id}
        onStatusChange={(e) => e.detail.status}
        onError={(e) => e.detail.retryable}
      >
        <p slot="loading">Preparing your purchase…</p>
      </CryptoOnramp>

      {/* @ts-expect-error misspelled property */}
      <crypto-onramp destinationCurency="eth" />
      {/* @ts-expect-error a theme the element does not have */}
      <crypto-onramp theme="blue" />
      {/* @ts-expect-error a list property takes an array, the attribute takes the text */}
      <crypto-onramp destinationCurrencies="eth usdc" />
      {/* @ts-expect-error false as an attribute would read as present; use lockWalletAddress={false} */}
      <crypto-onramp lock-wallet-address={false} />
      {/* @ts-expect-error the handler's detail is the status-change detail */}
      <crypto-onramp oncrypto-onramp-ready={(e) => e.detail.status} />
      {/* @ts-expect-error misspelled event on the component */}
      <CryptoOnramp onRedy={() => {}} />
      {/* @ts-expect-error clientSecret is a string */}
      <CryptoOnramp clientSecret={42} />
      {/* @ts-expect-error read-only state is not an input */}
      <CryptoOnramp state="ready" />
      {/* @ts-expect-error misspelled property on the component */}
      <CryptoOnramp destinationNetwrk="base" />
      {/* @ts-expect-error text children: React would replace them with textContent, removing Stripe's mount node */}
      <CryptoOnramp>Loading…</CryptoOnramp>
    </>
  );
}

// TypeScript ignores unknown JSX attributes whose name has a hyphen (a language rule), so this
// compiles: prefer camelCase properties and the component's onReady-style events.
export const notCaught = <crypto-onramp destination-curency="eth" oncrypto-onramp-redy={() => {}} />;
