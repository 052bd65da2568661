/** The socket limits of src/http/limits.ts, each set small, on a listening app. */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type ServerLimits } from '../src/http/limits.js';
import { SILENT_GRACE_MS } from '../src/http/shed-silent.js';
import { buildTestApp, type TestApp } from './helpers/app.js';

let t: TestApp | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await t?.close();
  t = undefined;
});

async function listening(limits: Partial<ServerLimits>): Promise<number> {
  t = await buildTestApp({ limits: { ...DEFAULT_LIMITS, ...limits } });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  return (t.app.server.address() as { port: number }).port;
}

function connections(): Promise<number> {
  return new Promise((resolve, reject) => t?.app.server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
}

function open(port: number): Promise<{ socket: Socket; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    sockets.push(socket);
    socket.on('error', () => undefined);
    const closed = new Promise<number>((done) => socket.once('close', () => done(Date.now())));
    socket.once('connect', () => resolve({ socket, closed }));
    socket.once('error', reject);
  });
}

describe('server limits', () => {
  it('closes a socket that asked for feeds and never reads them, after the connection timeout', async () => {
    const port = await listening({ connectionTimeoutMs: 1_000, keepAliveTimeoutMs: 30_000 });
    const { socket } = await open(port);
    // Never read: pipelined answers fill the loopback buffers (megabytes, so one answer would
    // fit and count as sent) and the socket goes silent. A paused client never sees the close,
    // so the server's count of connections tells.
    socket.pause();
    const sent = Date.now();
    socket.write('GET /feeds/all.ics HTTP/1.1\r\nHost: a\r\n\r\n'.repeat(60));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await connections()).toBe(1);
    while ((await connections()) > 0) {
      expect(Date.now() - sent, 'still open').toBeLessThan(5_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(Date.now() - sent).toBeGreaterThanOrEqual(900);
  });

  it('closes an idle keep-alive socket after the keep-alive timeout', async () => {
    const port = await listening({ keepAliveTimeoutMs: 1_000 });
    const { socket, closed } = await open(port);
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    const sent = Date.now();
    socket.write('GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n');
    const at = await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(at - sent).toBeGreaterThanOrEqual(900);
    expect(at - sent).toBeLessThan(5_000);
  });

  it('near MAX_CONNECTIONS closes the sockets that sent nothing, oldest first, so others still get in', async () => {
    const port = await listening({ maxConnections: 10 });
    // One that sent a request and keeps its socket (keep-alive) is never shed.
    const talking = await open(port);
    let talked = '';
    talking.socket.on('data', (chunk: Buffer) => (talked += chunk.toString()));
    talking.socket.write('GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n');
    const old = await Promise.all(Array.from({ length: 6 }, () => open(port)));
    await new Promise((resolve) => setTimeout(resolve, SILENT_GRACE_MS + 100));
    // Five more would pass the limit of 10: each one past 80 % of it pushes out the oldest silent one.
    const young = await Promise.all(Array.from({ length: 5 }, () => open(port)));
    const shed = await Promise.race([Promise.all(old.slice(0, 4).map(({ closed }) => closed)), new Promise((resolve) => setTimeout(() => resolve('timeout'), 5_000))]);
    expect(shed).not.toBe('timeout');
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
    expect(talked).toMatch(/^HTTP\/1\.1 200 /);
    expect(talking.socket.destroyed).toBe(false);
    expect(young.every(({ socket }) => !socket.destroyed)).toBe(true);
    expect(await connections()).toBeLessThan(10);
  });

  it('closes connections beyond MAX_CONNECTIONS on accept, and serves again once they are gone', async () => {
    const port = await listening({ maxConnections: 5 });
    // Held by sockets with a request under way: nothing to shed.
    const held = await Promise.all(Array.from({ length: 5 }, () => open(port)));
    for (const { socket } of held) socket.write('GET /healthz HTTP/1.1\r\n');
    const extra = await open(port);
    let answered = false;
    extra.socket.on('data', () => (answered = true));
    extra.socket.write('GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n');
    await extra.closed;
    expect(answered).toBe(false);
    for (const { socket } of held) socket.destroy();
    await Promise.all(held.map(({ closed }) => closed));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
  });
});
