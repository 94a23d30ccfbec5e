import { useState } from 'react';
// Registers <crypto-onramp> and types it for JSX; `CryptoOnramp` is the component with
// camelCase events (`<crypto-onramp oncrypto-onramp-status-change={…}>` works too in React 19).
import { CryptoOnramp } from 'crypto-onramp-element/react';

/** @type {Record<string, string>} */
const NETWORK = { eth: 'ethereum', usdc: 'solana', btc: 'bitcoin' };

/** @param {{ sessionUrl?: string }} props */
export function App({ sessionUrl = '/api/onramp-session' }) {
  const [currency, setCurrency] = useState('eth');
  const [shown, setShown] = useState(true);
  const [status, setStatus] = useState('…');

  return (
    <>
      <label>
        Buy{' '}
        <select value={currency} onChange={(e) => setCurrency(e.target.value)}>
          <option value="eth">ETH</option>
          <option value="usdc">USDC on Solana</option>
          <option value="btc">BTC</option>
        </select>
      </label>
      <button type="button" onClick={() => setShown(!shown)}>
        {shown ? 'Remove' : 'Add'} the onramp
      </button>
      <p role="status">Status: {status}</p>

      {shown && (
        <CryptoOnramp
          sessionUrl={sessionUrl}
          destinationCurrency={currency}
          destinationNetwork={NETWORK[currency]}
          onStatusChange={(e) => setStatus(e.detail.status)}
          onError={(e) => setStatus(`error: ${e.detail.message}`)}
        />
      )}
    </>
  );
}
