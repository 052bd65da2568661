/** `GET/POST /admin/organizations/{id}`: the settings form; POST previews (intent=preview) or saves. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { moscowDate } from '../../render/html/format.js';
import { conflictBody, organizationEditBody } from '../pages/organization.js';
import { redirect, sendErrorPage, sendPage, type AdminPages } from '../respond.js';
import { candidateFor, type SettingsProblem } from '../settings/candidate.js';
import { calendarConfirmed, editedYear, formValues, ignoredDatesProblem, monthChoiceItems, settingsFromForm, shownCalendar, submittedCalendar, type FormBody } from '../settings/form.js';
import { previewOf, type Preview } from '../settings/preview.js';
import { REGISTRY_FILE } from '../settings/save.js';
import { settingsVersion } from '../settings/version.js';
import type { Organization, OrganizationSettings, TermCalendar } from '../../domain/schema.js';
import { organizationAccess } from './access.js';
import { recordSave } from './record.js';

type Params = { Params: { id: string }; Querystring: { year?: string; saved?: string } };

interface Shown {
  readonly organization: Organization;
  readonly year: string;
  readonly version: string;
  readonly values: Record<string, string>;
  readonly calendar: TermCalendar | undefined;
  readonly ownCalendar: boolean;
  readonly calendarConfirmed: boolean;
  readonly shownFingerprint?: string;
  readonly problems?: readonly SettingsProblem[];
  readonly preview?: Preview;
  readonly saved?: boolean;
  readonly status?: number;
}

export async function organizationRoutes(fastify: FastifyInstance, pages: AdminPages): Promise<void> {
  const siteTitle = () => fastify.dataStore.current.plan.meta.shortTitle;

  function show(reply: FastifyReply, s: Shown) {
    const data = fastify.dataStore.current;
    const ctx = pages.context(siteTitle());
    const csrf = reply.generateCsrf();
    const body = organizationEditBody(ctx, {
      organization: s.organization,
      ...(s.preview ? { preview: s.preview } : {}),
      ...(s.saved ? { saved: true } : {}),
      form: {
        action: `/admin/organizations/${s.organization.id}`,
        csrf,
        version: s.version,
        values: s.values,
        monthChoices: monthChoiceItems(data),
        year: s.year,
        years: data.schoolYears.years.map((y) => y.id),
        calendar: s.calendar,
        ownCalendar: s.ownCalendar,
        calendarConfirmed: s.calendarConfirmed,
        ...(s.shownFingerprint === undefined ? {} : { shownFingerprint: s.shownFingerprint }),
        problems: s.problems ?? [],
      },
    });
    return sendPage(reply, pages, siteTitle(), { title: s.organization.shortName, body, ...(s.status ? { status: s.status } : {}) }, csrf);
  }

  function access(request: FastifyRequest<Params>, reply: FastifyReply) {
    const found = organizationAccess(fastify, request, request.params.id);
    if (!found.ok) sendErrorPage(reply, pages, siteTitle(), found.status, found.status === 403 ? 'Доступ запрещён' : 'Не найдено', found.detail);
    return found.ok ? found.organization : undefined;
  }

  fastify.get<Params>('/organizations/:id', async (request, reply) => {
    const organization = access(request, reply);
    if (!organization) return reply;
    const data = fastify.dataStore.current;
    const year = editedYear(data, request.query.year, moscowDate(fastify.clock()));
    const { calendar, own } = shownCalendar(data, organization, year);
    return show(reply, { organization, year, version: settingsVersion(organization.settings), values: formValues(organization.settings ?? {}), calendar, ownCalendar: own, calendarConfirmed: calendarConfirmed(data, organization, year), saved: request.query.saved === '1' });
  });

  fastify.post<Params>('/organizations/:id', { preHandler: fastify.csrfProtection }, async (request, reply) => {
    const organization = access(request, reply);
    if (!organization) return reply;
    const body = (request.body ?? {}) as FormBody;
    const data = fastify.dataStore.current;
    const year = editedYear(data, body['year'], moscowDate(fastify.clock()));
    const settings = settingsFromForm(data, organization, body);
    const version = typeof body['version'] === 'string' ? body['version'] : '';
    const shownAgain = {
      organization,
      year,
      version,
      values: formValues(settings),
      // Shown as the submitted settings resolve it: a new term system shows its own terms.
      calendar: (settings['schoolYears'] as Record<string, TermCalendar> | undefined)?.[year] ?? shownCalendar(data, { ...organization, settings: settings as OrganizationSettings }, year).calendar,
      ownCalendar: body['ownCalendar'] === 'on',
      calendarConfirmed: body['calendarConfirmed'] === 'on',
    };
    const ignored = ignoredDatesProblem(data, organization, body);
    if (ignored) {
      const shownFingerprint = typeof body['calendarShown'] === 'string' ? body['calendarShown'] : undefined;
      return show(reply, { ...shownAgain, calendar: submittedCalendar(body), ...(shownFingerprint ? { shownFingerprint } : {}), problems: [ignored], status: 422 });
    }
    if (body['intent'] !== 'save') {
      const candidate = candidateFor(data, data.registry, REGISTRY_FILE, organization.id, settings);
      if (!candidate.ok) return show(reply, { ...shownAgain, problems: candidate.problems, status: 422 });
      return show(reply, { ...shownAgain, preview: previewOf(data, candidate.dataset, organization.id, year) });
    }
    const outcome = await fastify.settingsWriter.save(organization.id, version, settings);
    await recordSave(fastify, request, organization.id, outcome, settings);
    if (outcome.kind === 'invalid') return show(reply, { ...shownAgain, problems: outcome.problems, status: 422 });
    if (outcome.kind === 'stale') {
      return sendPage(reply, pages, siteTitle(), { status: 409, title: 'Настройки уже изменили', body: conflictBody(pages.context(siteTitle()), organization, outcome.current, settings) }, reply.generateCsrf());
    }
    if (outcome.kind === 'unknown') return sendErrorPage(reply, pages, siteTitle(), 404, 'Не найдено', `Организации «${organization.id}» больше нет в реестре.`);
    return redirect(reply, `${pages.base}/admin/organizations/${organization.id}?year=${year}&saved=1`);
  });
}
