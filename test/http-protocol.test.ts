/**
 * Below the routes: 405 with Allow on known paths, and what the HTTP parser, the router and
 * the protocol checks refuse, each as problem+json with a documented type, over a real socket
 * where inject would normalize the request away.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/http/limits.js';
import type { ProblemDetails as Problem } from '../src/api/problem.js';
import { buildTestApp, PUBLIC_URL, type TestApp } from './helpers/app.js';

let t: TestApp;
let port: number;

beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  port = (t.app.server.address() as { port: number }).port;
});

afterAll(async () => {
  await t?.close();
});

function expectProblem(status: number, headers: Record<string, unknown>, body: string, kind: string): Problem {
  expect(headers['content-type'], body).toBe('application/problem+json');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['cache-control']).toBe('no-store');
  const problem = JSON.parse(body) as Problem;
  expect(problem).toMatchObject({ status, type: `${PUBLIC_URL}/problems/${kind}` });
  expect(problem.title).toMatch(/[а-яё]/i);
  expect(problem.detail).toMatch(/[а-яё]/i);
  return problem;
}

describe('405 Method Not Allowed', () => {
  const PATHS = ['/feeds/general.ics', '/feeds/organizations/sosh-6.ics', '/api/plan', '/api/occurrences', '/api/organizations/sosh-6', '/', '/organizations', '/problems/not-found', '/healthz'];
  const METHODS = ['PUT', 'DELETE', 'PATCH', 'POST', 'TRACE'] as const;

  it.each(PATHS)('%s: every method but GET and HEAD is 405 with Allow: GET, HEAD', async (path) => {
    for (const method of METHODS) {
      const res = await t.app.inject({ method, url: `${path}?x=1`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=1' });
      expect(res.statusCode, `${method} ${path}`).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD');
      const problem = expectProblem(405, res.headers, res.body, 'method-not-allowed');
      expect(problem.detail).toContain(`Метод ${method} для адреса «${path}»`);
      expect(problem.instance).toBe(`${path}?x=1`);
    }
  });

  it('leaves unknown paths 404, GET and HEAD alone, and CORS preflights answered', async () => {
    expect((await t.app.inject({ method: 'DELETE', url: '/no/such/path' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: '/feeds/organizations/sosh-6/extra.ics' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'HEAD', url: '/feeds/general.ics' })).statusCode).toBe(200);
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/feeds/general.ics',
      headers: { origin: 'https://school.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.statusCode).toBe(204);
  });
});

/** Writes `request` as bytes and reads until the service closes or answers in full. */
function exchange(request: Buffer | string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(5_000, () => socket.destroy(new Error('no answer within 5 s')));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3}) /.exec(statusLine)?.[1] ?? 0), headers, body: rest.join('\r\n\r\n') });
    });
    socket.write(typeof request === 'string' ? Buffer.from(request, 'latin1') : request);
  });
}

const ROWS: readonly { name: string; request: string; status: number; kind: string }[] = [
  { name: 'a raw NUL byte in the path', request: 'GET /feeds/general\x00.ics HTTP/1.1\r\nHost: a\r\n\r\n', status: 400, kind: 'bad-request' },
  { name: 'a raw 0xFF byte in the path', request: 'GET /feeds/general\xff.ics HTTP/1.1\r\nHost: a\r\n\r\n', status: 400, kind: 'bad-request' },
  { name: 'a space in the path', request: 'GET /feeds/gen eral.ics HTTP/1.1\r\nHost: a\r\n\r\n', status: 400, kind: 'bad-request' },
  { name: 'an unknown method', request: 'FETCH /feeds/general.ics HTTP/1.1\r\nHost: a\r\n\r\n', status: 400, kind: 'bad-request' },
  { name: '20 kB of headers', request: `GET /feeds/general.ics HTTP/1.1\r\nHost: a\r\nX-Filler: ${'a'.repeat(20_000)}\r\n\r\n`, status: 431, kind: 'headers-too-large' },
  { name: 'a request line without a version', request: 'GET /feeds/general.ics\r\n\r\n', status: 400, kind: 'bad-request' },
  { name: 'HTTP/2.0 in an HTTP/1.1 request line', request: 'GET /feeds/general.ics HTTP/2.0\r\nHost: a\r\n\r\n', status: 505, kind: 'http-version-not-supported' },
  { name: 'HTTP/3.0, which the parser refuses', request: 'GET /feeds/general.ics HTTP/3.0\r\nHost: a\r\n\r\n', status: 505, kind: 'http-version-not-supported' },
  { name: 'two Host headers', request: 'GET /feeds/general.ics HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n', status: 400, kind: 'bad-request' },
  { name: 'no Host in HTTP/1.1', request: 'GET /feeds/general.ics HTTP/1.1\r\n\r\n', status: 400, kind: 'bad-request' },
];

describe('parser- and protocol-level refusals over a socket', () => {
  it.each(ROWS)('$name → $status problem+json ($kind), connection closed', async ({ request, status, kind }) => {
    const res = await exchange(request);
    expect(res.status, res.body).toBe(status);
    expectProblem(status, res.headers, res.body, kind);
    expect(res.headers.connection).toBe('close');
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body));
  });

  it('percent-encodes what it echoes of an unparsable target', async () => {
    const res = await exchange('GET /feeds/a\x00b\xff.ics HTTP/1.1\r\nHost: a\r\n\r\n');
    expect((JSON.parse(res.body) as Problem).instance).toBe('/feeds/a%00b%FF.ics');
  });

  it('names the repeated Host', async () => {
    const res = await exchange('GET /api/plan HTTP/1.1\r\nHost: a\r\nhost: a\r\n\r\n');
    expect((JSON.parse(res.body) as Problem).detail).toContain('Host повторяется');
  });

  it('still answers HTTP/1.0 without Host, and one Host in HTTP/1.1', async () => {
    expect((await exchange('GET /healthz HTTP/1.0\r\n\r\n')).status).toBe(200);
    expect((await exchange('GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n')).status).toBe(200);
  });
});

describe('a request that does not arrive in time', () => {
  it('is answered 408 problem+json after the headers timeout, and the socket closed', async () => {
    const slow = await buildTestApp({ limits: { ...DEFAULT_LIMITS, headersTimeoutMs: 1_000 } });
    try {
      await slow.app.listen({ host: '127.0.0.1', port: 0 });
      const started = Date.now();
      const socket = connect((slow.app.server.address() as { port: number }).port, '127.0.0.1');
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.write('GET /feeds/general.ics HTTP/1.1\r\nHost: a\r\n');
      await new Promise((resolve) => socket.on('close', resolve));
      const [head = '', body = ''] = Buffer.concat(chunks).toString('utf8').split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
      expect(head).toContain('content-type: application/problem+json');
      expect(JSON.parse(body)).toMatchObject({ status: 408, type: `${PUBLIC_URL}/problems/request-timeout` });
      expect(Date.now() - started).toBeLessThan(4_000);
    } finally {
      await slow.close();
    }
  });
});
