import fp from 'fastify-plugin';
import type { DataStore } from '../../data/store.js';
import type { AppConfig } from '../config.js';
import { DEFAULT_CACHE_BYTES, RepresentationCache } from '../representation-cache.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: AppConfig;
    dataStore: DataStore;
    /** "Now" for anything that depends on today (upcoming deadlines); pinned in tests. */
    clock: () => Date;
    representations: RepresentationCache;
  }
}

export interface ServicesOptions {
  readonly config: AppConfig;
  readonly store: DataStore;
  readonly clock: () => Date;
}

/** The app's shared services, one decoration each, visible to every route plugin. */
export default fp<ServicesOptions>(
  async (fastify, { config, store, clock }) => {
    fastify.decorate('config', config);
    fastify.decorate('dataStore', store);
    fastify.decorate('clock', clock);
    fastify.decorate('representations', new RepresentationCache(config.cacheEntries, config.cacheBytes ?? DEFAULT_CACHE_BYTES));
  },
  { name: 'services', fastify: '5.x' },
);
