import type { TSchema } from 'typebox';
import { ISO_DATE_PATTERN } from '../schema.js';
import { isIsoDate } from '../dates.js';
import { pointer, type Report } from './pointer.js';

type Node = Readonly<Record<string, unknown>>;

/**
 * Reports every date field (a `LocalDate` in the schema) whose value does not exist, such as
 * 2026-02-30: the schema checks only the shape. Walks a value that already passed the schema.
 */
export function checkLocalDates(schema: TSchema, value: unknown, report: Report, path = ''): void {
  const node = schema as Node;
  if (node.pattern === ISO_DATE_PATTERN && typeof value === 'string') {
    if (!isIsoDate(value)) report(path, `даты ${value} не существует`);
  } else if (Array.isArray(value) && node.items) {
    value.forEach((v, i) => checkLocalDates(node.items as TSchema, v, report, path + pointer(i)));
  } else if (value !== null && typeof value === 'object') {
    const properties = (node.properties ?? {}) as Record<string, TSchema>;
    // Records (settings.schoolYears) have a single key pattern.
    const pattern = Object.values((node.patternProperties ?? {}) as Record<string, TSchema>)[0];
    for (const [key, v] of Object.entries(value)) {
      const child = properties[key] ?? pattern;
      if (child) checkLocalDates(child, v, report, path + pointer(key));
    }
  }
}
