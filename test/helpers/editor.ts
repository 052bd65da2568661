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

export async function buildEditorApp(options: { publicUrl?: string; editor?: Partial<EditorOptions>; listen?: boolean } = {}): Promise<EditorApp> {
  const copy = await copyData();
  const stateDir = await mkdtemp(path.join(tmpdir(), 'eo-calendar-state-'));
  const state = openState(stateDir);
  await addAccounts(state);
  const store = await storeFor(copy);
  const config = testConfig(copy, options.publicUrl ? { publicUrl: options.publicUrl } : {});
  const app = await buildApp({ store, config, clock: () => LOADED_AT, editor: { state, ...options.editor } });
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

  constructor(private readonly app: FastifyInstance, private readonly address = '127.0.0.1') {}

  async request(options: InjectOptions): Promise<LightMyRequestResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await this.app.inject({ remoteAddress: this.address, ...options, headers: { ...(cookie ? { cookie } : {}), ...options.headers } });
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

  post(url: string, form: Record<string, string>): Promise<LightMyRequestResponse> {
    return this.request({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() });
  }

  async login(login: string, password: string): Promise<LightMyRequestResponse> {
    const csrf = await this.csrf('/admin/login');
    return this.post('/admin/login', { login, password, _csrf: csrf });
  }
}

export { LOADED_AT, PUBLIC_URL };
