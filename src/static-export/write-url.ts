/**
 * One URL of the export, inside a worker thread: an organization's answered directly by the
 * routes' own code (direct.ts), every other URL fetched through `app.inject`, so the file holds
 * exactly the service's bytes. A shared document (a type's feed, the lists, the pages every
 * visitor sees) is also written compressed, `.gz` and `.br` with the service's settings; an
 * organization's own files are written as they are and compressed by the web server when asked
 * (deploy/nginx.conf): compressing all six of every organization's files at export time was
 * about 3.5 ms of CPU per organization, more than rendering them, for files each fetched by a
 * handful of subscribers (docs/performance.md, «The export without per-organization
 * compression»).
 * Everything here is synchronous apart from the inject: a worker owns its core, and a sync
 * call costs no hop through the thread pool.
 */
import { closeSync, futimesSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { assertDecompresses, assertServiceCodings, compressSync } from './codings.js';
import type { DirectAnswer } from './direct.js';
import { ExportError } from './errors.js';
import { fileForUrl } from './layout.js';

/**
 * Every this many URLs an organization's direct answer is compared with the service's (besides
 * the first of each kind). Prime, so the sample goes round the six URLs of an organization: 60
 * checks at 10 000 organizations. Every 97th (620 checks, each a request through the app) was 3 %
 * of the export's CPU; the tests compare every URL of the bundled data (test/export.test.ts).
 */
export const SAMPLE_EVERY = 997;
/**
 * The compressed shared documents up to this size are compressed again by the service's own code
 * and compared (codings.ts), and decompressed and compared with the file. Not the lists of every
 * organization (52 MB of JSON at 10 000): their size twice more would be the export's peak memory.
 */
const CHECK_MAX_BYTES = 1024 * 1024;

export interface UrlWriter {
  readonly app: FastifyInstance;
  /** The export's temporary directory. */
  readonly root: string;
  /** The time of files whose answer has no Last-Modified (the OpenAPI document): the data's. */
  readonly dataTime: Date;
  /** URLs with an index below this belong to no single organization: all of them are checked. */
  readonly shared: number;
  /** Directories this thread has made already. */
  readonly made: Set<string>;
  /** Answers an organization's URLs without a request. */
  readonly direct: DirectAnswer;
  /** The kinds of URL (first path segment) whose direct answer this thread has checked against the service's. */
  readonly checked: Set<string>;
}

export interface Written {
  readonly files: number;
  readonly bytes: number;
}

/**
 * The identity answer. As a stream, because light-my-request otherwise also decodes every body
 * into a string (a 40 kB feed of Cyrillic text is 80 kB of heap): a tenth of the inject's CPU.
 */
interface Identity {
  readonly body: Buffer;
  readonly contentType: string;
  readonly lastModified: Date | undefined;
}

async function identity(app: FastifyInstance, url: string): Promise<Identity> {
  const response = await app.inject({ method: 'GET', url, payloadAsStream: true });
  const chunks: Buffer[] = [];
  for await (const chunk of response.stream()) chunks.push(chunk as Buffer);
  const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
  if (response.statusCode !== 200) {
    throw new ExportError(`${url}: сервис ответил ${response.statusCode}: ${body.toString('utf8', 0, 300)}`);
  }
  const contentType = response.headers['content-type'];
  if (typeof contentType !== 'string') throw new ExportError(`${url}: ответ без Content-Type`);
  const modified = response.headers['last-modified'];
  return { body, contentType, lastModified: typeof modified === 'string' ? new Date(modified) : undefined };
}

/**
 * Throws unless the service answers `url` with the same bytes, type and Last-Modified as the
 * direct answer: a route changed without direct.ts cannot leave the export behind unnoticed.
 */
async function assertServiceAnswer(app: FastifyInstance, url: string, direct: Identity): Promise<void> {
  const served = await identity(app, url);
  const differs = [
    served.body.equals(direct.body) ? undefined : 'тело',
    served.contentType === direct.contentType ? undefined : 'Content-Type',
    served.lastModified?.getTime() === direct.lastModified?.getTime() ? undefined : 'Last-Modified',
  ].filter((what) => what !== undefined);
  if (differs.length > 0) {
    throw new ExportError(
      `${url}: экспорт отличается от ответа сервиса (${differs.join(', ')}) — src/static-export/direct.ts должен отвечать так же, как маршрут`,
    );
  }
}

async function answer(writer: UrlWriter, url: string, index: number): Promise<Identity> {
  const direct = writer.direct(url);
  if (direct === undefined) return identity(writer.app, url);
  const plain = await direct;
  const { kind } = plain;
  // Not the lists of every organization: a second copy of them would be the export's peak memory.
  if (plain.body.length <= CHECK_MAX_BYTES && (!writer.checked.has(kind) || index % SAMPLE_EVERY === 0)) {
    writer.checked.add(kind);
    await assertServiceAnswer(writer.app, url, plain);
  }
  return plain;
}

/** Writes the whole body into a new file ('wx') and sets its times through the same descriptor. */
export function writeNew(name: string, body: Buffer, time: Date): void {
  const fd = openSync(name, 'wx');
  try {
    for (let offset = 0; offset < body.length; ) offset += writeSync(fd, body, offset);
    futimesSync(fd, time, time);
  } finally {
    closeSync(fd);
  }
}

export async function writeUrl(writer: UrlWriter, url: string, index: number): Promise<Written> {
  const plain = await answer(writer, url, index);
  const file = path.join(writer.root, ...fileForUrl(url, plain.contentType).split('/'));
  const shared = index < writer.shared;
  const compressed = shared ? compressSync(plain.body) : undefined;
  if (compressed !== undefined && plain.body.length <= CHECK_MAX_BYTES) {
    await assertServiceCodings(url, plain.body, compressed);
    assertDecompresses(url, plain.body, compressed);
  }
  const dir = path.dirname(file);
  if (!writer.made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    writer.made.add(dir);
  }
  // The files' times are the service's Last-Modified, so a static server sends the same one and
  // two exports of the same data are identical, times included.
  const time = plain.lastModified ?? writer.dataTime;
  const files: (readonly [string, Buffer])[] = [[file, plain.body]];
  if (compressed !== undefined) files.push([`${file}.gz`, compressed.gz], [`${file}.br`, compressed.br]);
  let bytes = 0;
  for (const [name, body] of files) {
    // 'wx': two URLs that map to one file are a bug in the layout, not a file to overwrite.
    try {
      writeNew(name, body, time);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      throw new ExportError(`${url}: файл ${path.relative(writer.root, name)} уже записан для другого адреса`);
    }
    bytes += body.length;
  }
  return { files: files.length, bytes };
}
