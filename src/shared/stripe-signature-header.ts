/**
 * The `Stripe-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">[,v1=…]`.
 * Written by the emulator, read by the server kit, once here.
 *
 * Read exactly as the official SDK reads it (`stripe/esm/Webhooks.js`, `parseHeader`): items split
 * on `,`, each on `=`, the name compared as is (no trimming), the value up to the next `=`. The SDK
 * keeps the last `t=`; a kit that took the first could check one timestamp for freshness while the
 * SDK verified the signature over another (`t=NOW,t=FUTURE,v1=<sig for FUTURE>`). So a header with
 * `t=` twice is refused outright, and the one timestamp must be plain digits: whatever this accepts,
 * the SDK reads the same number.
 */

export type SignatureHeader =
  | { ok: true; timestamp: number; signatures: string[] }
  | { ok: false; reason: 'no_timestamp' | 'repeated_timestamp' | 'malformed_timestamp' | 'no_signature' };

/** Seconds since the epoch, up to 12 digits (the year 33658): enough, and never a float. */
const TIMESTAMP = /^\d{1,12}$/;

export function parseSignatureHeader(header: string): SignatureHeader {
  let timestamp: string | undefined;
  let timestamps = 0;
  const signatures: string[] = [];
  for (const item of header.split(',')) {
    const [name, value] = item.split('=');
    if (name === 't') {
      timestamps += 1;
      timestamp = value;
    } else if (name === 'v1' && value !== undefined) {
      signatures.push(value);
    }
  }
  if (timestamps === 0) return { ok: false, reason: 'no_timestamp' };
  if (timestamps > 1) return { ok: false, reason: 'repeated_timestamp' };
  if (timestamp === undefined || !TIMESTAMP.test(timestamp)) return { ok: false, reason: 'malformed_timestamp' };
  if (signatures.length === 0) return { ok: false, reason: 'no_signature' };
  return { ok: true, timestamp: Number(timestamp), signatures };
}

/** The header for one signature, as Stripe (and the emulator) sends it. */
export function formatSignatureHeader(timestamp: number, signature: string): string {
  return `t=${timestamp},v1=${signature}`;
}
