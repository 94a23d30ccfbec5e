/**
 * Server-Sent Events for purchase pages: each open page gets its session's view on connect and
 * after every change, whoever made it (the page, the API's test controls, another tab). Each
 * stream is the body of a `Response`; a page that goes away cancels it, and it is forgotten.
 */
import type { SessionRecord } from './session-record.js';

/** Proxies and browsers drop idle streams; a comment line every so often keeps them open. */
const HEARTBEAT_MS = 15_000;

type Stream = ReadableStreamDefaultController<Uint8Array>;

const encoder = new TextEncoder();

export class BrowserEventHub {
  #streams = new Map<string, Set<Stream>>();
  #heartbeat: NodeJS.Timeout;

  constructor() {
    this.#heartbeat = setInterval(() => {
      for (const streams of this.#streams.values()) for (const stream of streams) stream.enqueue(encoder.encode(': ping\n\n'));
    }, HEARTBEAT_MS);
    this.#heartbeat.unref();
  }

  /** Opens a stream for `record` that starts with `initial`: the answer to the page's `EventSource`. */
  open(record: SessionRecord, initial: unknown): Response {
    const id = record.session.id;
    let opened: Stream | undefined;
    const forget = (): void => {
      const streams = this.#streams.get(id);
      if (!streams || !opened) return;
      streams.delete(opened);
      if (streams.size === 0) this.#streams.delete(id);
    };
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        opened = controller;
        controller.enqueue(encoder.encode('retry: 1000\n\n'));
        let streams = this.#streams.get(id);
        if (!streams) this.#streams.set(id, (streams = new Set()));
        streams.add(controller);
        this.#send(controller, initial);
      },
      cancel: forget,
    });
    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      },
    });
  }

  publish(record: SessionRecord, view: unknown): void {
    for (const stream of this.#streams.get(record.session.id) ?? []) this.#send(stream, view);
  }

  hasListeners(record: SessionRecord): boolean {
    return (this.#streams.get(record.session.id)?.size ?? 0) > 0;
  }

  close(): void {
    clearInterval(this.#heartbeat);
    for (const streams of this.#streams.values()) for (const stream of streams) closeQuietly(stream);
    this.#streams.clear();
  }

  #send(stream: Stream, view: unknown): void {
    stream.enqueue(encoder.encode(`event: view\ndata: ${JSON.stringify(view)}\n\n`));
  }
}

/** A stream the page already left is closed too: closing it again must not stop the others. */
function closeQuietly(stream: Stream): void {
  try {
    stream.close();
  } catch {
    // already closed or cancelled
  }
}
