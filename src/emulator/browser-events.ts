/**
 * Server-Sent Events for purchase pages: each open page gets its session's view on connect and
 * after every change, whoever made it (the page, the API's test controls, another tab).
 */
import type { ServerResponse } from 'node:http';
import type { SessionRecord } from './session-record.js';

/** Proxies and browsers drop idle streams; a comment line every so often keeps them open. */
const HEARTBEAT_MS = 15_000;

export class BrowserEventHub {
  #streams = new Map<string, Set<ServerResponse>>();
  #heartbeat: NodeJS.Timeout;

  constructor() {
    this.#heartbeat = setInterval(() => {
      for (const streams of this.#streams.values()) for (const res of streams) res.write(': ping\n\n');
    }, HEARTBEAT_MS);
    this.#heartbeat.unref();
  }

  /** Opens a stream for `record` and sends `initial` right away. */
  open(res: ServerResponse, record: SessionRecord, initial: unknown): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 1000\n\n');
    const id = record.session.id;
    let streams = this.#streams.get(id);
    if (!streams) this.#streams.set(id, (streams = new Set()));
    streams.add(res);
    res.on('close', () => {
      streams.delete(res);
      if (streams.size === 0) this.#streams.delete(id);
    });
    this.#send(res, initial);
  }

  publish(record: SessionRecord, view: unknown): void {
    for (const res of this.#streams.get(record.session.id) ?? []) this.#send(res, view);
  }

  hasListeners(record: SessionRecord): boolean {
    return (this.#streams.get(record.session.id)?.size ?? 0) > 0;
  }

  close(): void {
    clearInterval(this.#heartbeat);
    for (const streams of this.#streams.values()) for (const res of streams) res.end();
    this.#streams.clear();
  }

  #send(res: ServerResponse, view: unknown): void {
    res.write(`event: view\ndata: ${JSON.stringify(view)}\n\n`);
  }
}
