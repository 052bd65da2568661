/**
 * Runs Debian's nginx with deploy/nginx.conf (static export) or deploy/nginx-proxy.conf (in
 * front of the service) on a loopback port. The shipped files are used as they are, except for
 * the lines they mark «site:» (address, root, upstreams, pid, logs), and each of those rewrites
 * must match exactly once: a config that drifts from what the test expects fails here instead
 * of being tested in a form nobody ships.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const NGINX = '/usr/sbin/nginx';
export const BROTLI_STATIC_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
export const BROTLI_FILTER_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so';
export const SHIPPED_CONFIG = path.resolve(import.meta.dirname, '../../deploy/nginx.conf');
export const PROXY_CONFIG = path.resolve(import.meta.dirname, '../../deploy/nginx-proxy.conf');
export const OPENSSL = '/usr/bin/openssl';

/** Why nginx cannot run here, or undefined when it can. */
export function nginxMissing(): string | undefined {
  if (!existsSync(NGINX)) return `${NGINX} not found (apt-get install nginx)`;
  if (!existsSync(BROTLI_STATIC_MODULE)) return `${BROTLI_STATIC_MODULE} not found (apt-get install libnginx-mod-http-brotli-static)`;
  if (!existsSync(BROTLI_FILTER_MODULE)) return `${BROTLI_FILTER_MODULE} not found (apt-get install libnginx-mod-http-brotli-filter)`;
  if (!existsSync(OPENSSL)) return `${OPENSSL} not found (apt-get install openssl): the proxy test makes its own certificate`;
  return undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export type Rewrite = readonly [pattern: RegExp, replacement: string];

/** Applies each rewrite to exactly one line of `config`. */
export function rewriteConfig(config: string, rewrites: readonly Rewrite[]): string {
  let result = config;
  for (const [pattern, replacement] of rewrites) {
    const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
    const matches = result.match(new RegExp(pattern.source, flags)) ?? [];
    if (matches.length !== 1) throw new Error(`nginx config: expected exactly one match of ${pattern}, found ${matches.length}`);
    result = result.replace(pattern, replacement);
  }
  return result;
}

export interface RunningNginx {
  readonly port: number;
  readonly origin: string;
  /** The config nginx runs with, for failure messages. */
  readonly config: string;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const tempPaths = (prefix: string) =>
  ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `    ${kind}_temp_path ${prefix}/${kind};`).join('\n');

/**
 * Starts nginx in the foreground serving `root` with deploy/nginx.conf, everything it writes
 * kept in a temporary prefix. `root`'s parents must be readable by the workers' user
 * (www-data when run as root).
 */
export function startNginx(root: string): Promise<RunningNginx> {
  return launch(async (prefix, port) =>
    rewriteConfig(await readFile(SHIPPED_CONFIG, 'utf8'), [
      [/^pid .*;.*$/m, `pid ${prefix}/nginx.pid;`],
      [/^error_log .*;.*$/m, `error_log ${prefix}/error.log warn;`],
      [/^(\s*)access_log .*;.*$/m, `$1access_log ${prefix}/access.log;`],
      [/^(\s*)listen 80;.*$/m, `$1listen 127.0.0.1:${port};`],
      [/^\s*listen \[::\]:80;.*\n/m, ''],
      // Debian's nginx keeps request bodies and proxy buffers under /var/lib/nginx by default.
      [/^http \{$/m, `http {\n${tempPaths(prefix)}`],
      [/^(\s*)root .*;.*$/m, `$1root ${root};`],
      [/^(\s*)include \S*\/_nginx\/history\*\.map;.*$/m, `$1include ${root}/_nginx/history*.map;`],
    ]),
  );
}

export interface RunningProxy extends RunningNginx {
  /** The plain-HTTP server, which only redirects. */
  readonly httpOrigin: string;
  /** The self-signed certificate nginx presents for 127.0.0.1, to trust in requests. */
  readonly ca: Buffer;
}

/** A throwaway self-signed certificate for 127.0.0.1, valid for two days. */
function selfSignedCertificate(dir: string): { cert: string; key: string } {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync(OPENSSL, [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert,
  ], { stdio: 'ignore' });
  return { cert, key };
}

/**
 * Starts nginx with deploy/nginx-proxy.conf (an `http`-level file) in front of `upstreams`
 * (host:port): HTTPS on the main port with a fresh self-signed certificate, the redirecting
 * plain-HTTP server on another.
 */
export async function startProxyNginx(upstreams: readonly string[]): Promise<RunningProxy> {
  const httpPort = await freePort();
  let ca: Buffer | undefined;
  const running = await launch(async (prefix, port) => {
    const { cert, key } = selfSignedCertificate(prefix);
    ca = await readFile(cert);
    const site = rewriteConfig(await readFile(PROXY_CONFIG, 'utf8'), [
      [/^(\s*)server 127\.0\.0\.1:3000;.*$/m, upstreams.map((u) => `    server ${u};`).join('\n')],
      [/^(\s*)listen 80;.*$/m, `$1listen 127.0.0.1:${httpPort};`],
      [/^(\s*)listen 443 ssl http2;.*$/m, `$1listen 127.0.0.1:${port} ssl http2;`],
      [/^(\s*)ssl_certificate .*;.*$/m, `$1ssl_certificate ${cert};`],
      [/^(\s*)ssl_certificate_key .*;.*$/m, `$1ssl_certificate_key ${key};`],
    ]);
    await writeFile(path.join(prefix, 'site.conf'), site);
    // Debian's /etc/nginx/nginx.conf, reduced to what the include needs.
    return [
      `pid ${prefix}/nginx.pid;`,
      `error_log ${prefix}/error.log warn;`,
      'events { worker_connections 256; }',
      'http {',
      tempPaths(prefix),
      `    access_log ${prefix}/access.log;`,
      '    include /etc/nginx/mime.types;',
      `    include ${prefix}/site.conf;`,
      '}',
      '',
    ].join('\n');
  });
  if (ca === undefined) throw new Error('no certificate');
  return { ...running, origin: `https://127.0.0.1:${running.port}`, httpOrigin: `http://127.0.0.1:${httpPort}`, ca };
}

async function launch(buildConfig: (prefix: string, port: number) => Promise<string>): Promise<RunningNginx> {
  const prefix = await mkdtemp(path.join(tmpdir(), 'eo-calendar-nginx-'));
  await chmod(prefix, 0o755);
  const port = await freePort();
  let config: string;
  try {
    config = await buildConfig(prefix, port);
  } catch (error) {
    await rm(prefix, { recursive: true, force: true });
    throw error;
  }
  const configPath = path.join(prefix, 'nginx.conf');
  await writeFile(configPath, config);

  const stderr: string[] = [];
  const child = spawn(NGINX, ['-p', `${prefix}/`, '-c', configPath, '-e', `${prefix}/error.log`, '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited(child);
      clearTimeout(timer);
    }
    await rm(prefix, { recursive: true, force: true });
  };

  const deadline = Date.now() + 10_000;
  while (!(await listening(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      const log = await readFile(path.join(prefix, 'error.log'), 'utf8').catch(() => '');
      await stop();
      throw new Error(`nginx did not start (exit ${child.exitCode}):\n${stderr.join('')}\n${log}\nconfig:\n${config}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { port, origin: `http://127.0.0.1:${port}`, config, stop };
}

export interface RawResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  /** The bytes on the wire: not decompressed (fetch would decode them). */
  readonly body: Buffer;
  /** For https: the TLS version negotiated. */
  readonly tlsProtocol?: string;
}

export interface RequestInit {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  /** For https: URLs, the certificate to trust. */
  readonly ca?: Buffer;
}

export function request(url: string, init: RequestInit = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const options = { method: init.method ?? 'GET', headers: init.headers ?? {}, agent: false as const };
    const send = url.startsWith('https:') ? (cb: (res: http.IncomingMessage) => void) => https.request(url, { ...options, ca: init.ca }, cb) : (cb: (res: http.IncomingMessage) => void) => http.request(url, options, cb);
    const req = send((res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      const tls = res.socket as { getProtocol?: () => string | null };
      const tlsProtocol = tls.getProtocol?.() ?? undefined;
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ...(tlsProtocol === undefined ? {} : { tlsProtocol }) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
