/** The emulator's answers as Fetch `Response`s: JSON (pretty, as Stripe's), text, Stripe's error shape. */
import type { StripeErrorBody } from '../shared/session.js';

export const MAX_BODY_BYTES = 1024 * 1024;

export type StripeError = StripeErrorBody['error'];

export function jsonAnswer(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return jsonTextAnswer(status, JSON.stringify(body, null, 2), { 'Cache-Control': 'no-cache, no-store', ...headers });
}

/** JSON already serialized (an idempotent replay answers the stored text as it was). */
export function jsonTextAnswer(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers } });
}

export function textAnswer(status: number, contentType: string, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { 'Content-Type': contentType, ...headers } });
}

export function stripeErrorAnswer(status: number, error: StripeError, headers: Record<string, string> = {}): Response {
  return jsonAnswer(status, { error }, headers);
}

export function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
