import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** One item of an envelope: its header (`type`, `length`...) and its payload, parsed when JSON. */
export interface EnvelopeItem {
  readonly header: { type: string; length?: number; [key: string]: unknown };
  readonly payload: unknown;
}

export interface Envelope {
  readonly header: Record<string, unknown>;
  readonly items: readonly EnvelopeItem[];
  /** The request body as received, decompressed when it came gzipped. */
  readonly raw: Buffer;
  readonly path: string;
}

/** How the endpoint behaves: answers at once, answers 500, or holds every request `delayMs` first. */
export type IngestMode = { kind: 'ok' } | { kind: 'error'; status: number } | { kind: 'slow'; delayMs: number };

/**
 * A Sentry ingest endpoint on 127.0.0.1 for tests: the DSN points at it, the
 * SDK posts its envelopes here, the test reads what really went over the wire.
 */
export class FakeSentryIngest {
  readonly envelopes: Envelope[] = [];
  /** Every body received since start, never reset. */
  private readonly received: Buffer[] = [];
  private readonly server: Server;
  private readonly waiters: (() => void)[] = [];

  private constructor(private readonly mode: IngestMode) {
    this.server = createServer((request, response) => this.receive(request, response));
  }

  static async start(mode: IngestMode = { kind: 'ok' }): Promise<FakeSentryIngest> {
    const ingest = new FakeSentryIngest(mode);
    await new Promise<void>((resolve) => ingest.server.listen(0, '127.0.0.1', resolve));
    return ingest;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get dsn(): string {
    return `http://publickey@127.0.0.1:${this.port}/1`;
  }

  /** Every byte received since start, all envelopes together (decompressed): where secrets must not appear. */
  get raw(): Buffer {
    return Buffer.concat(this.received);
  }

  /** The event payloads (errors and messages) received so far. */
  get events(): SentryEvent[] {
    return this.envelopes.flatMap((e) => e.items.filter((i) => i.header.type === 'event').map((i) => i.payload as SentryEvent));
  }

  /** Resolves once `count` events have arrived (or rejects after `timeoutMs`). */
  async waitForEvents(count: number, timeoutMs = 5000): Promise<SentryEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.events.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} Sentry events, got ${this.events.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.events;
  }

  /** Forgets the envelopes read so far (not `raw`). */
  reset(): void {
    this.envelopes.length = 0;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private receive(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const raw = request.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
      this.received.push(raw);
      this.envelopes.push({ ...parseEnvelope(raw), raw, path: request.url ?? '' });
      for (const wake of this.waiters.splice(0)) wake();
      const answer = () => {
        if (response.destroyed) return;
        const status = this.mode.kind === 'error' ? this.mode.status : 200;
        response.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? '{}' : '{"detail":"internal error"}');
      };
      if (this.mode.kind === 'slow') setTimeout(answer, this.mode.delayMs).unref();
      else answer();
    });
  }
}

/** The parts of a Sentry event the tests read. */
export interface SentryEvent {
  event_id: string;
  level?: string;
  message?: string | { formatted?: string; message?: string };
  environment?: string;
  release?: string;
  server_name?: string;
  tags?: Record<string, string>;
  exception?: { values?: { type?: string; value?: string; stacktrace?: { frames?: { filename?: string }[] } }[] };
  [key: string]: unknown;
}

/**
 * The envelope format: a JSON header line, then for each item a JSON item
 * header line and its payload — `length` bytes when the header says so,
 * otherwise up to the next newline.
 */
export function parseEnvelope(raw: Buffer): { header: Record<string, unknown>; items: EnvelopeItem[] } {
  let offset = 0;
  const line = (): Buffer => {
    const end = raw.indexOf(0x0a, offset);
    const slice = raw.subarray(offset, end === -1 ? raw.length : end);
    offset = end === -1 ? raw.length : end + 1;
    return slice;
  };
  const header = JSON.parse(line().toString('utf8')) as Record<string, unknown>;
  const items: EnvelopeItem[] = [];
  while (offset < raw.length) {
    const headerLine = line();
    if (headerLine.length === 0) continue;
    const itemHeader = JSON.parse(headerLine.toString('utf8')) as EnvelopeItem['header'];
    let payload: Buffer;
    if (typeof itemHeader.length === 'number') {
      payload = raw.subarray(offset, offset + itemHeader.length);
      offset += itemHeader.length;
      if (raw[offset] === 0x0a) offset += 1;
    } else {
      payload = line();
    }
    const text = payload.toString('utf8');
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // attachments may be binary or plain text: kept as text
    }
    items.push({ header: itemHeader, payload: parsed });
  }
  return { header, items };
}
