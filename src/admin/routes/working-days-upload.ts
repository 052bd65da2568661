/**
 * Uploading a production-calendar file from the browser: `POST /admin/data/working-days/{year}/upload`
 * (multipart/form-data: `_csrf` and one file `file`). The same operation as
 * `PUT /admin/api/working-days/{year}` (calendarUpload, the Publisher, the audit entry); a refused
 * file is shown on the year's page with the API's message, nothing published.
 */
import multipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { WorkingDaysYear } from '../../domain/schema.js';
import { CALENDAR_BYTES, calendarSummary, calendarUpload, refusalDetail, TOO_LARGE } from '../editor/working-days-upload.js';
import type { UploadedNotice } from '../pages/working-days.js';
import type { AdminPages } from '../respond.js';
import { publishedReply, type HistoryHelpers } from './history.js';
import type { ShowYear } from './working-days.js';

interface UploadHelpers extends HistoryHelpers {
  readonly yearOf: (raw: string) => number | undefined;
  readonly badYear: (reply: FastifyReply, raw: string) => FastifyReply;
  readonly showYear: ShowYear;
}

/** The form's only parts; anything else is refused rather than ignored. */
const FIELDS = ['_csrf', 'file'] as const;

// Busboy stops at these, so a hostile form is buffered up to CALENDAR_BYTES plus a few hundred bytes.
const LIMITS = { fileSize: CALENDAR_BYTES, files: 1, fields: 1, parts: 3, fieldSize: 256, fieldNameSize: 16, headerPairs: 8 };

/** Why @fastify/multipart stopped reading the form, in the words of the page. */
function multipartMessage(error: FastifyError): string | undefined {
  switch (error.code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return TOO_LARGE;
    case 'FST_FILES_LIMIT':
      return 'выберите один файл — за раз загружается календарь одного года';
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_PROTO_VIOLATION':
      return 'в форме лишние поля; отправьте её со страницы редактора';
    default:
      // Busboy's own errors (a cut-off or malformed body) carry no code.
      return error.code === undefined && error.statusCode === undefined ? 'форма дошла не полностью или повреждена; отправьте её ещё раз' : undefined;
  }
}

/** The notice after an upload: what revision `raw` published for `year`, if it did. */
export async function uploadedNotice(fastify: FastifyInstance, year: number, raw: string | undefined): Promise<UploadedNotice | undefined> {
  if (raw === undefined || !/^\d{1,9}$/.test(raw)) return undefined;
  const revision = await fastify.editorState.revisions.get(Number(raw));
  const calendar = revision?.documents.workingDays[`${year}.json`] as WorkingDaysYear | undefined;
  if (!revision || !calendar?.verified) return undefined;
  return { revision: revision.id, ...calendarSummary(calendar) };
}

export async function workingDaysUploadRoutes(fastify: FastifyInstance, pages: AdminPages, helpers: UploadHelpers): Promise<void> {
  const { yearOf, badYear, showYear } = helpers;
  const after = publishedReply(fastify, pages, helpers);
  const refused = (reply: FastifyReply, year: number, message: string, status = 422) => showYear(reply, year, { uploadError: refusalDetail(message) }, new Map(), status);

  // Multipart is parsed only here: every other editor form stays urlencoded-only (415 otherwise).
  await fastify.register(async (scope) => {
    await scope.register(multipart, { attachFieldsToBody: 'keyValues', limits: LIMITS, throwFileSizeLimit: true });
    scope.setErrorHandler(async (error: FastifyError, request: FastifyRequest<{ Params: { year: string } }>, reply) => {
      const year = yearOf(request.params.year);
      const message = multipartMessage(error);
      // CSRF and everything else: the editor's own handler (403 page, 500 page).
      if (message === undefined || year === undefined) throw error;
      request.log.info({ err: error }, 'production-calendar upload refused while reading the form');
      return refused(reply, year, message, error.code === 'FST_REQ_FILE_TOO_LARGE' || error.code === 'FST_FILES_LIMIT' ? 413 : 400);
    });

    scope.post<{ Params: { year: string } }>('/data/working-days/:year/upload', {
      // The role is checked before the body is read: a school's upload is not even parsed.
      onRequest: helpers.preHandler as onRequestAsyncHookHandler,
      preHandler: fastify.csrfProtection,
      bodyLimit: CALENDAR_BYTES,
    }, async (request, reply) => {
      const year = yearOf(request.params.year);
      if (year === undefined) return badYear(reply, request.params.year);
      const body = (request.body ?? {}) as Record<string, unknown>;
      if (!request.isMultipart()) return refused(reply, year, 'форма отправлена без файла (нужен multipart/form-data)', 415);
      const extra = Object.keys(body).filter((name) => !(FIELDS as readonly string[]).includes(name));
      if (extra.length > 0) return refused(reply, year, `в форме лишние поля (${extra.join(', ')}); отправьте её со страницы редактора`, 400);
      const file = body['file'];
      if (!Buffer.isBuffer(file)) return refused(reply, year, 'выберите файл календаря');
      const latest = await fastify.publisher.sync();
      const upload = calendarUpload(latest.documents, String(year), file, 'на странице');
      if (upload.kind === 'refused') return refused(reply, year, upload.message);
      const outcome = await fastify.publisher.publish({ documents: upload.documents, author: request.user!.login, comment: upload.comment });
      return after(request, reply, outcome, upload.what, (id) => `${pages.base}/admin/data/working-days/${year}?uploaded=${id}`);
    });
  });
}
