/** Who publishes the pages and how current the data is: the footer and banner of every page. */
import type { Dataset } from '../../domain/model.js';
import { moscowDate } from './format.js';
import type { SiteIdentity } from './layout.js';

export function siteIdentity(data: Dataset): SiteIdentity {
  const meta = data.plan.meta;
  return {
    department: meta.issuer,
    ...(meta.contact === undefined ? {} : { contact: meta.contact }),
    updated: moscowDate(new Date(meta.updated)),
    version: meta.version,
    sampleRegistry: data.registry.source.sample === true,
  };
}
