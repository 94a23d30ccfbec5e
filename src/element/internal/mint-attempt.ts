/**
 * One attempt of the minting request, and what it came to. The entry sends the first
 * (session-request.ts); the failure chunk (session-failure.ts) is handed `send` for its one retry,
 * so neither module imports the other.
 */
export interface SessionRequest {
  url: string;
  body: Record<string, unknown>;
  /** One key per logical session, reused by the automatic retry so the server mints once. */
  idempotencyKey: string;
  fetchOptions?: RequestInit | undefined;
  timeoutMs: number;
  signal: AbortSignal;
}

/**
 * What one attempt came to: the endpoint's answer, read in full (any status), or none at all
 * (network error, blocked request, refused `fetchOptions`), with whether the timeout ran out.
 */
export type Answer = { response: Response; text: string } | { response?: undefined; timedOut: boolean };

/** One attempt: `fetch` with its own timeout, the body read in full. Throws only when aborted by the element. */
export async function send(request: SessionRequest): Promise<Answer> {
  const { url, body, idempotencyKey, timeoutMs, signal } = request;
  const fetchOptions: RequestInit = request.fetchOptions ?? {};
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    // Inside the try: headers or options the browser refuses are a request that could not be sent.
    const headers = new Headers(fetchOptions.headers);
    headers.set('Content-Type', 'application/json');
    headers.set('Accept', 'application/json');
    headers.set('Idempotency-Key', idempotencyKey);
    const signals = [signal, timeout, fetchOptions.signal].filter((s): s is AbortSignal => s instanceof AbortSignal);
    const response = await fetch(url, {
      credentials: 'same-origin',
      ...fetchOptions,
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.any(signals),
    });
    // Read inside the same try: an answer that breaks off or outlasts the timeout fails the same way.
    return { response, text: await response.text() };
  } catch (error) {
    if (signal.aborted) throw error; // the element gave up on this request: not a failure to report
    return { timedOut: timeout.aborted };
  }
}
