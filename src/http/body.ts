/**
 * Reading a `Request`'s body with a hard size limit: stop at the first chunk that crosses it and
 * cancel the stream, so an oversize or endless body is never buffered. The kit's handlers and the
 * emulator's read their bodies here; the JSON content type check is the kit's.
 */

export type BodyReadResult =
  | { ok: true; text: string }
  | { ok: false; reason: 'too_large' | 'invalid_utf8' | 'read_failed' };

export type BodyBytesResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'too_large' | 'read_failed' };

export type JsonContentTypeCheck = { ok: true } | { ok: false; charset?: string };

/**
 * `application/json`, with or without parameters (`; charset=utf-8`), case-insensitively. JSON is
 * UTF-8 (RFC 8259): another declared charset would be decoded wrongly, so it is refused, named.
 */
export function checkJsonContentType(contentType: string | null): JsonContentTypeCheck {
  if (contentType === null) return { ok: false };
  const mediaType = contentType.split(';', 1)[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json') return { ok: false };
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType)?.[1]?.toLowerCase();
  if (charset === undefined || charset === 'utf-8' || charset === 'utf8') return { ok: true };
  return { ok: false, charset: charset.slice(0, 40) };
}

/** The body as UTF-8 text, refused when it is not valid UTF-8. */
export async function readBodyWithLimit(request: Request, maxBytes: number): Promise<BodyReadResult> {
  const read = await readBytesWithLimit(request, maxBytes);
  return read.ok ? decode(read.bytes) : read;
}

export async function readBytesWithLimit(request: Request, maxBytes: number): Promise<BodyBytesResult> {
  // A declared length over the limit needs no reading at all.
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > maxBytes) {
    await cancelQuietly(request.body);
    return { ok: false, reason: 'too_large' };
  }
  if (request.body === null) return { ok: true, bytes: new Uint8Array(0) };

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: 'too_large' };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: 'read_failed' };
  } finally {
    reader.releaseLock();
  }
  if (chunks.length === 1) return { ok: true, bytes: chunks[0]! };
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}

function decode(bytes: Uint8Array): BodyReadResult {
  try {
    // `fatal` so broken UTF-8 is an error, not silently replaced characters.
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: 'invalid_utf8' };
  }
}

async function cancelQuietly(body: ReadableStream<Uint8Array> | null): Promise<void> {
  if (body !== null) await body.cancel().catch(() => undefined);
}
