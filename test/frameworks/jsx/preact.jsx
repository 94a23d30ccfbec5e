/** @jsxImportSource preact */
// Type fixture: Preact JSX against src/frameworks/preact.ts (see react.jsx for the rules).
import { useState } from 'preact/hooks';
import { CryptoOnramp } from '../../../src/frameworks/preact.js';

export function Typed() {
  const [currency] = useState('eth');
  return (
    <>
      <crypto-onramp
        session-url="/api/onramp-session"
        destinationCurrency={currency}
        destination-network="ethereum"
        destinationCurrencies={['eth', 'usdc']}
        theme="auto"
        class="onramp"
        oncrypto-onramp-ready={(e) => e.detail.session.id.toUpperCase()}
        oncrypto-onramp-status-change={(e) => e.detail.previousStatus}
      />
      <CryptoOnramp sessionUrl="/api/onramp-session" onReady={(e) => e.detail.session.id} onError={(e) => e.detail.code} />

      {/* @ts-expect-error misspelled property */}
      <crypto-onramp destinationCurency="eth" />
      {/* @ts-expect-error a theme the element does not have */}
      <crypto-onramp theme="blue" />
      {/* @ts-expect-error false as an attribute would read as present */}
      <crypto-onramp lock-wallet-address={false} />
      {/* @ts-expect-error the handler's detail is the status-change detail */}
      <crypto-onramp oncrypto-onramp-ready={(e) => e.detail.status} />
      {/* @ts-expect-error misspelled event on the component */}
      <CryptoOnramp onStatusChanged={() => {}} />
    </>
  );
}
