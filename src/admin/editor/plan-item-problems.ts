/**
 * The validators' problems of one plan item, each at the input it concerns: a JSON pointer
 * `/plan/items/<i>/…` becomes the form's input name (`title`, `fn.0.text`, `s.1.wording`,
 * `s.0.r.2.day`). A problem of a schedule or rule as a whole goes to `s.<j>` or to the rule's
 * kind select; one the form has no input for (retiredIds) stays in the list above the form only.
 */
import type { DraftProblem } from './problems.js';

const PATTERNS: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  [/^\/(title|text|source)(?:\/|$)/, (m) => m[1]!],
  [/^\/details(?:\/|$)/, () => 'details'],
  [/^\/subsystems(?:\/|$)/, () => 'subsystems'],
  [/^\/footnotes\/(\d+)\/(marker|text|note)(?:\/|$)/, (m) => `fn.${m[1]}.${m[2]}`],
  [/^\/footnotes\/(\d+)$/, (m) => `fn.${m[1]}.text`],
  [/^\/schedules\/(\d+)\/organizationTypes(?:\/|$)/, (m) => `s.${m[1]}.types`],
  [/^\/schedules\/(\d+)\/wording(?:\/|$)/, (m) => `s.${m[1]}.wording`],
  [/^\/schedules\/(\d+)\/rules\/(\d+)\/(start|end)(?:\/(month|day))?$/, (m) => `s.${m[1]}.r.${m[2]}.${m[3]}.${m[4] ?? 'day'}`],
  [/^\/schedules\/(\d+)\/rules\/(\d+)\/months(?:\/|$)/, (m) => `s.${m[1]}.r.${m[2]}.months`],
  [/^\/schedules\/(\d+)\/rules\/(\d+)\/(month|day|days|time|durationMinutes|offsetDays|workingDays|note)$/, (m) => `s.${m[1]}.r.${m[2]}.${m[3]}`],
  [/^\/schedules\/(\d+)\/rules\/(\d+)(?:\/|$)/, (m) => `s.${m[1]}.r.${m[2]}.kind`],
  [/^\/schedules\/(\d+)(?:\/|$)/, (m) => `s.${m[1]}`],
];

/** Problems of the item at `index` of the draft's plan, by input name (the first per input). */
export function itemFieldProblems(problems: readonly DraftProblem[], index: number): Map<string, string> {
  const fields = new Map<string, string>();
  const prefix = `/plan/items/${index}`;
  for (const { pointer, message } of problems) {
    if (!pointer.startsWith(`${prefix}/`)) continue;
    const rest = pointer.slice(prefix.length);
    for (const [pattern, name] of PATTERNS) {
      const match = pattern.exec(rest);
      if (!match) continue;
      if (!fields.has(name(match))) fields.set(name(match), message);
      break;
    }
  }
  return fields;
}

/** The item's own problems (the list above its form). */
export function itemProblems(problems: readonly DraftProblem[], index: number): DraftProblem[] {
  const at = `/plan/items/${index}`;
  return problems.filter((p) => p.pointer === at || p.pointer.startsWith(`${at}/`));
}
