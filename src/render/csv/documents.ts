/** `/api/occurrences.csv`, `/api/plan.csv` and `/api/organizations.csv`: the JSON documents' records as rows, their field names as columns. */
import type { OccurrencesDocument, OrganizationList, PlanDocument } from '../../api/schemas/index.js';
import { csvTable } from './table.js';

const OCCURRENCE_COLUMNS = ['item', 'title', 'kind', 'start', 'end', 'allDay', 'time', 'wording', 'organizationTypes', 'label', 'provisional'] as const;

/** Lists become one cell, comma-separated, as a person would write them. */
const list = (values: readonly (string | number)[]): string => values.join(', ');

export function occurrencesCsv(document: OccurrencesDocument): string {
  return csvTable(
    OCCURRENCE_COLUMNS,
    document.occurrences.map((o) => ({
      item: o.item,
      title: o.title,
      kind: o.kind,
      start: o.start,
      end: o.end,
      allDay: o.allDay,
      time: o.time,
      wording: o.wording,
      organizationTypes: list(o.organizationTypes),
      label: o.label,
      provisional: o.provisional,
    })),
  );
}

const PLAN_COLUMNS = ['number', 'title', 'text', 'subsystems', 'organizationTypes', 'wording'] as const;

/** One row per schedule of an item (items 5, 6 and 14 have one per group of types). */
export function planCsv(document: PlanDocument): string {
  return csvTable(
    PLAN_COLUMNS,
    document.items.flatMap((item) =>
      item.schedules.map((schedule) => ({
        number: item.number,
        title: item.title,
        text: item.text,
        subsystems: list(item.subsystems),
        organizationTypes: list(schedule.organizationTypes),
        wording: schedule.wording,
      })),
    ),
  );
}

const ORGANIZATION_COLUMNS = ['id', 'shortName', 'name', 'types', 'termSystem', 'weekDays', 'https', 'webcal'] as const;

/** One row per organization of the registry, with its feed links (`feed.https`, `feed.webcal` in JSON). */
export function organizationsCsv(document: OrganizationList): string {
  return csvTable(
    ORGANIZATION_COLUMNS,
    document.organizations.map((o) => ({
      id: o.id,
      shortName: o.shortName,
      name: o.name,
      types: list(o.types),
      termSystem: o.settings.termSystem,
      weekDays: o.settings.weekDays,
      https: o.feed.https,
      webcal: o.feed.webcal,
    })),
  );
}
