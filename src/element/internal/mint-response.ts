/**
 * Reading the minting endpoint's answer: the entry reads a success, the lazy failure chunk
 * (session-failure.ts) says what is wrong with any other.
 */
import { CLIENT_SECRET_PATTERN, type MintResponse } from '../../shared/session.js';
import { isRecord } from '../../shared/is-record.js';

/** The JSON object `text` holds, or `undefined` (not JSON, or not an object). */
export function readJson(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A 2xx answer's `{ client_secret, publishable_key?, redirect_url? }`, or `undefined` when it holds
 * no client secret of the form `cos_…_secret_…` (the failure chunk says which way it is wrong).
 */
export function parseMintResponse(text: string): MintResponse | undefined {
  const { client_secret, publishable_key, redirect_url } = readJson(text) ?? {};
  if (typeof client_secret !== 'string' || !CLIENT_SECRET_PATTERN.test(client_secret)) return undefined;
  return {
    client_secret,
    ...(typeof publishable_key === 'string' && { publishable_key }),
    ...(typeof redirect_url === 'string' && { redirect_url }),
  };
}
