/**
 * After a publication, the static export (EXPORT_DIR) is rewritten from the new files, so a
 * department that serves the export (nginx, a CDN) publishes in the same step. A failed export
 * is logged, never undoes the publication: the service itself already serves the new data.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { AppConfig } from '../../http/config.js';
import { moscowDate } from '../../render/html/format.js';
import { exportSite } from '../../static-export/site.js';

export function exportAfterPublish(config: AppConfig, out: string, log: () => FastifyBaseLogger): () => Promise<void> {
  return async () => {
    try {
      const result = await exportSite({ planFile: config.planFile, dataDir: config.dataDir, publicUrl: config.publicUrl, date: moscowDate(new Date()), out, concurrency: 2 });
      log().info({ out: result.out, version: result.version, files: result.files }, 'static export rewritten after publication');
    } catch (error) {
      log().error({ err: error, out }, 'static export after publication failed; run npm run export by hand');
    }
  };
}
