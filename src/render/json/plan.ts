/** `/api/plan`: plan.json as a document, optional lists made explicit (empty rather than absent). */
import { seriesFor } from '../../domain/engine.js';
import type { Dataset } from '../../domain/model.js';
import type { Item } from '../../domain/schema.js';
import { SUBSYSTEMS } from '../../domain/vocabulary.js';
import type { ApiValue, PlanDocument } from '../../api/schemas/index.js';
import { DEFAULT_FEED_OPTIONS } from '../feed-options.js';
import { feedUrls } from '../feeds.js';
import { itemTitles, standingJson } from './common.js';

function itemJson(item: Item): ApiValue<'Item'> {
  return {
    number: item.number,
    title: item.title,
    text: item.text,
    source: item.source,
    details: [...(item.details ?? [])],
    subsystems: [...item.subsystems],
    footnotes: (item.footnotes ?? []).map((footnote) => ({ ...footnote })),
    schedules: item.schedules.map((schedule) => ({
      id: schedule.id,
      organizationTypes: [...schedule.organizationTypes],
      wording: schedule.wording,
      rules: schedule.rules.map((rule) => ({ ...rule })),
    })),
  };
}

export function planDocument(data: Dataset, publicUrl: string): PlanDocument {
  const { $schema: _schema, ...plan } = data.plan;
  const title = itemTitles(data);
  return {
    dataVersion: data.version,
    meta: { ...plan.meta, onDayOff: plan.meta.onDayOff ?? 'previousWorkingDay', order: { ...plan.meta.order } },
    feed: feedUrls({ kind: 'all' }, publicUrl, DEFAULT_FEED_OPTIONS),
    subsystems: Object.values(SUBSYSTEMS).map(({ id, name, fullName }) => ({ id, name, fullName })),
    items: plan.items.map(itemJson),
    standing: seriesFor(data, { kind: 'all' }).standing.map((duty) => standingJson(duty, title)),
  };
}
