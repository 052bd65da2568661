/** What the editor's plugins and routes share, decorated on the /admin context only. */
import type { AtomicWriteHooks } from '../data/write-atomic.js';
import type { Role, State } from '../state/index.js';
import type { Dataset } from '../domain/model.js';
import type { DraftService } from './editor/drafts.js';
import type { Publisher } from './editor/publisher.js';
import type { SettingsWriter } from './settings/save.js';

/** Who is making the request: a signed-in account (session) or an API token. */
export interface AdminUser {
  readonly login: string;
  readonly role: Role;
  readonly organizations: readonly string[];
  /** `session` or `token:<id>`, as the audit log records it. */
  readonly via: string;
}

export interface EditorOptions {
  readonly state: State;
  /** Idle time after which a session ends (default 30 minutes). */
  readonly idleMinutes?: number;
  /** Tests simulate a crash between writing and renaming the data file. */
  readonly writeHooks?: AtomicWriteHooks;
  /** Runs after each publication with the new data set: the static export (EXPORT_DIR). */
  readonly afterPublish?: (dataset: Dataset) => Promise<void>;
}

export type Guard = 'none' | 'page' | 'api';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the editor's authentication hook; undefined for anonymous requests. */
    user: AdminUser | undefined;
  }
  interface FastifyInstance {
    editorState: State;
    settingsWriter: SettingsWriter;
    publisher: Publisher;
    drafts: DraftService;
  }
  interface FastifyContextConfig {
    /** How an /admin route treats an anonymous request: redirect to the login form, 401, or let it through. */
    guard?: Guard;
  }
}

declare module '@fastify/session' {
  interface FastifySessionObject {
    login?: string;
    generation?: number;
  }
}
