/** Reading an endpoint's answer: its own module so the lazy failure chunk can share it with the entry. */
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
