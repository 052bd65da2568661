/** The app with its editor over private copies of the data and of a state directory, and a cookie-keeping client. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { EditorOptions } from '../../src/admin/index.js';
import { buildApp } from '../../src/http/app.js';
import { openState, type State } from '../../src/state/index.js';
import { hashPassword } from '../../src/state/passwords.js';
import { copyData, LOADED_AT, PUBLIC_URL, storeFor, testConfig, type DataCopy } from './app.js';

export const PASSWORD = 'длинный пароль школы 5';
export const METHODOLOGIST = { login: 'metodist', password: 'пароль методиста отдела' };
export const SCHOOL = { login: 'sosh5', password: PASSWORD, organization: 'sosh-5' };

export interface EditorApp {
  readonly app: FastifyInstance;
  readonly copy: DataCopy;
  readonly state: State;
  readonly stateDir: string;
  close(): Promise<void>;
}

export async function addAccounts(state: State, now = new Date('2026-02-01T00:00:00Z')): Promise<void> {
  const created = now.toISOString();
  await state.accounts.add({ login: METHODOLOGIST.login, role: 'methodologist', organizations: [], passwordHash: await hashPassword(METHODOLOGIST.password), created });
  await state.accounts.add({ login: SCHOOL.login, role: 'school', organizations: [SCHOOL.organization], passwordHash: await hashPassword(SCHOOL.password), created });
}

export interface EditorAppOptions {
  readonly publicUrl?: string;
  readonly editor?: Partial<EditorOptions>;
  /** Keep the state directory as `state/` beside the copy's `data/`, the default layout. */
  readonly stateBesideData?: boolean;
  readonly trustProxy?: readonly string[];
}

export async function buildEditorApp(options: EditorAppOptions = {}): Promise<EditorApp> {
  const copy = await copyData();
  const stateDir = options.stateBesideData ? path.join(copy.dir, 'state') : await mkdtemp(path.join(tmpdir(), 'eo-calendar-state-'));
  const state = openState(stateDir);
  await addAccounts(state);
  const store = await storeFor(copy);
  const config = testConfig(copy, options.publicUrl ? { publicUrl: options.publicUrl } : {});
  const app = await buildApp({ store, config, clock: () => LOADED_AT, editor: { state, ...options.editor }, ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}) });
  return {
    app,
    copy,
    state,
    stateDir,
    async close() {
      await app.close();
      await copy.remove();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** A browser-like client over inject: keeps cookies (by name; path scoping is not needed here). */
export class Agent {
  private readonly cookies = new Map<string, string>();

  constructor(
    private readonly app: FastifyInstance,
    private readonly address = '127.0.0.1',
    /** Sent with every request, e.g. the X-Forwarded-For a proxy adds. */
    private readonly headers: Record<string, string> = {},
  ) {}

  async request(options: InjectOptions): Promise<LightMyRequestResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await this.app.inject({ remoteAddress: this.address, ...options, headers: { ...this.headers, ...(cookie ? { cookie } : {}), ...options.headers } });
    for (const c of response.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() <= Date.now()) || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return response;
  }

  get(url: string): Promise<LightMyRequestResponse> {
    return this.request({ method: 'GET', url });
  }

  /** The CSRF token of the form on `page`. */
  async csrf(page: string): Promise<string> {
    const match = /name="_csrf" value="([^"]+)"/.exec((await this.get(page)).body);
    if (!match) throw new Error(`no CSRF field on ${page}`);
    return match[1] as string;
  }

  /** The hidden fields of the editor's form on `page`: the CSRF token and the draft's ETag. */
  async formBase(page: string): Promise<Record<string, string>> {
    const body = (await this.get(page)).body;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
    const draft = /name="draft" value="([^"]+)"/.exec(body)?.[1];
    if (!csrf || !draft) throw new Error(`no editor form on ${page}`);
    return { _csrf: csrf, draft: draft.replace(/&quot;/g, '"') };
  }

  post(url: string, form: Record<string, string>): Promise<LightMyRequestResponse> {
    return this.request({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() });
  }

  async login(login: string, password: string): Promise<LightMyRequestResponse> {
    const csrf = await this.csrf('/admin/login');
    return this.post('/admin/login', { login, password, _csrf: csrf });
  }
}

export { LOADED_AT, PUBLIC_URL };

export interface FeedEvent {
  readonly uid: string;
  readonly item: string;
  readonly start: string;
  readonly sequence: number;
  readonly summary: string;
}

/** A feed's events as Mozilla's ical.js reads them. */
export async function feedEvents(app: FastifyInstance, url: string): Promise<FeedEvent[]> {
  const { default: ICAL } = await import('ical.js');
  const response = await app.inject(url);
  if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`);
  const calendar = new ICAL.Component(ICAL.parse(response.body));
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      item: String(vevent.getFirstPropertyValue('x-plan-item') ?? ''),
      start: event.startDate.toString().slice(0, 10),
      sequence: event.sequence,
      summary: event.summary,
    };
  });
}

/** The municipal quarters of a school year, as an organization's own calendar starts from them. */
export function municipalQuarters(app: FastifyInstance, year: string): { terms: { name: string; start: string; end: string }[]; holidays: Record<string, unknown>[] } {
  const calendar = app.dataStore.current.schoolYears.years.find((y) => y.id === year)?.systems.quarters;
  if (!calendar) throw new Error(`no quarters for ${year}`);
  return {
    terms: calendar.terms.map((t) => ({ name: t.name, start: t.start, end: t.end })),
    holidays: calendar.holidays.map(({ provisional: _provisional, ...h }) => ({ ...h })),
  };
}

/** Puts settings through the API as the methodologist would (reading the ETag first). */
export async function putSettings(app: FastifyInstance, token: string, id: string, settings: unknown): Promise<LightMyRequestResponse> {
  const headers = { authorization: `Bearer ${token}` };
  const current = await app.inject({ url: `/admin/api/organizations/${id}/settings`, headers });
  return app.inject({ method: 'PUT', url: `/admin/api/organizations/${id}/settings`, headers: { ...headers, 'if-match': String(current.headers.etag) }, payload: settings as Record<string, unknown> });
}

/** A fresh editor over private data with the methodologist signed in: each form test's start. */
export async function signedInEditor(): Promise<{ editor: EditorApp; agent: Agent }> {
  const editor = await buildEditorApp();
  const agent = new Agent(editor.app);
  await agent.login(METHODOLOGIST.login, METHODOLOGIST.password);
  return { editor, agent };
}
