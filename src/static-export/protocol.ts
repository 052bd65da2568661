/** Messages between the export's main thread (workers.ts) and its worker threads (worker.ts). */
import type { DataIssue } from '../domain/errors.js';

/** Where and how a worker writes. */
export interface Target {
  /** The export's temporary directory. */
  readonly root: string;
  /** The time of files whose answer has no Last-Modified (the OpenAPI document): the data's. */
  readonly dataTimeMs: number;
  /** URLs with an index below this belong to no single organization (checked in full). */
  readonly shared: number;
}

export interface WorkerInit {
  readonly planFile: string;
  readonly dataDir: string;
  readonly publicUrl: string;
  readonly date: string;
  /** The planner lists the URLs; the others check they loaded the version it listed them for. */
  readonly role: { readonly plan: true } | { readonly plan: false; readonly version: string; readonly target: Target };
}

export interface Plan {
  readonly version: string;
  readonly paths: readonly string[];
  readonly shared: number;
  /** The first `lists` paths list every organization (urls.ts): the first worker starts after them. */
  readonly lists: number;
  /** URLs of removed and renamed organizations (urls.ts historyPaths): written into `_nginx/`. */
  readonly history: readonly string[];
  readonly dataTimeMs: number;
}

export type ToWorker =
  | { readonly type: 'start'; readonly target: Target }
  | { readonly type: 'chunk'; readonly start: number; readonly urls: readonly string[] }
  | { readonly type: 'history'; readonly urls: readonly string[] }
  | { readonly type: 'close' };

export type Failure =
  /** An ExportError: the message is for the operator. */
  | { readonly type: 'failed'; readonly kind: 'export'; readonly message: string }
  /** The planner found the data invalid: the main thread throws the same DataError. */
  | { readonly type: 'failed'; readonly kind: 'data'; readonly issues: readonly DataIssue[] }
  /** A bug: its message and stack. */
  | { readonly type: 'failed'; readonly kind: 'bug'; readonly message: string; readonly stack?: string };

export type FromWorker =
  | { readonly type: 'ready'; readonly plan?: Plan }
  | { readonly type: 'started' }
  | { readonly type: 'done'; readonly count: number; readonly files: number; readonly bytes: number }
  | Failure;
