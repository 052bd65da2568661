/** One raw HTTP request on loopback: status, headers and the body's exact bytes, with timings. */
import { Agent, request, type IncomingHttpHeaders } from 'node:http';

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** Undecoded bytes: a gzip body stays gzip. */
  readonly body: Buffer;
  /** Request sent → status line and headers received. */
  readonly ttfbMs: number;
  readonly totalMs: number;
}

// One kept-alive socket: timings measure the server, not the TCP handshake.
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

export function rawRequest(url: string, init: { method?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers ?? {}, agent }, (res) => {
      const ttfbMs = performance.now() - started;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ttfbMs, totalMs: performance.now() - started }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export function closeClient(): void {
  agent.destroy();
}

/** Hop-by-hop and per-response headers a replay must not copy (the server writes its own). */
const NOT_REPLAYED = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

/** The response's headers as a replay should send them. */
export function replayHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || NOT_REPLAYED.has(name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
