/**
 * The event ledger against the plan's ids: a key `i<item>.<schedule>.<rule>…` whose schedule or
 * rule is gone from the plan must name an id the item has retired (`retiredIds`). Otherwise the
 * id could be given to a new rule, whose events would then take over the old UIDs.
 */
import type { EventHistory, Plan } from '../schema.js';
import { pointer, type Report } from './pointer.js';

const KEY = /^i(\d+)\.([a-z][a-z0-9]*)\.([a-z][a-z0-9]*)(?:\.|$)/;

export function checkLedgerIds(plan: Plan, history: EventHistory, report: Report): void {
  const items = new Map(plan.items.map((item) => [item.number, item]));
  const reported = new Set<string>();
  for (const key of Object.keys(history)) {
    const match = KEY.exec(key);
    if (!match) continue;
    const [, number, scheduleId, ruleId] = match as unknown as [string, string, string, string];
    const item = items.get(Number(number));
    if (item === undefined) continue;
    const schedule = item.schedules.find((s) => s.id === scheduleId);
    if (schedule?.rules.some((rule) => rule.id === ruleId)) continue;
    const retired = new Set(item.retiredIds ?? []);
    const gone = schedule === undefined ? scheduleId : ruleId;
    if (retired.has(gone) || reported.has(`${number}.${gone}`)) continue;
    reported.add(`${number}.${gone}`);
    report(
      pointer('events', key),
      `в плане у пункта ${number} больше нет ${schedule === undefined ? 'срока' : 'правила'} «${gone}», но в журнале есть его события: ` +
        `добавьте «${gone}» в retiredIds пункта ${number}, чтобы этот идентификатор не был использован снова`,
    );
  }
}
