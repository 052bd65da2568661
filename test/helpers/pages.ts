/**
 * The app with its pages, built by the same factory as server.ts, over a private copy of the
 * bundled data with one hostile organization added: its names carry markup, quotes, `&` and a
 * newline, so every page that shows them proves its escaping.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { pagesRoutes } from '../../src/http/routes/pages.js';
import { copyData, storeFor, testConfig, type DataCopy } from './app.js';

/** «Today» for every page test: deadlines of late August and September are upcoming. */
export const TODAY = new Date('2026-08-20T09:00:00Z');

export const HOSTILE = {
  id: 'hostile-school',
  name: '<script>alert(1)</script> «Школа» "№ 1" \'ООО\' & Co — вторая часть',
  shortName: '<script>alert(2)</script><b>"Школа"</b> & \'Ко\'',
} as const;

export interface PagesApp {
  readonly app: FastifyInstance;
  readonly copy: DataCopy;
  close(): Promise<void>;
}

/**
 * Registers the pages unless the app already does: until the lead wires `pagesRoutes` into
 * buildApp the tests add it themselves, afterwards they test exactly what production serves.
 */
export async function withPages(app: FastifyInstance): Promise<FastifyInstance> {
  if (!app.hasRoute({ method: 'GET', url: '/' })) await app.register(pagesRoutes);
  return app;
}

export async function addHostileOrganization(copy: DataCopy): Promise<void> {
  await copy.editJson('data/organizations.json', (json) => {
    const organizations = json['organizations'] as unknown[];
    organizations.push({
      id: HOSTILE.id,
      name: HOSTILE.name,
      shortName: HOSTILE.shortName,
      types: ['general', 'preschool'],
      settings: { monthChoices: { '1': 9 }, weekDays: 6 },
    });
  });
}

export async function buildPagesApp(options: { publicUrl?: string; clock?: () => Date } = {}): Promise<PagesApp> {
  const copy = await copyData();
  await addHostileOrganization(copy);
  const store = await storeFor(copy);
  const config = testConfig(copy, options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl });
  const app = await withPages(await buildApp({ store, config, clock: options.clock ?? (() => TODAY) }));
  return {
    app,
    copy,
    async close() {
      await app.close();
      await copy.remove();
    },
  };
}
