/** Pieces every API document shares: item titles and standing duties. */
import type { Dataset, StandingDuty } from '../../domain/model.js';
import type { ApiValue } from '../../api/schemas/index.js';

export type ItemTitles = (item: number) => string;

/** Titles by item number; one lookup table per call, not a search per occurrence. */
export function itemTitles(data: Dataset): ItemTitles {
  const titles = new Map(data.plan.items.map((item) => [item.number, item.title]));
  return (item) => titles.get(item) ?? '';
}

export function standingJson(duty: StandingDuty, title: ItemTitles): ApiValue<'StandingDuty'> {
  return {
    item: duty.item,
    title: title(duty.item),
    kind: duty.kind,
    wording: duty.wording,
    organizationTypes: [...duty.organizationTypes],
  };
}
