import type { MonthDay, Plan } from '../schema.js';
import { isIsoDate } from '../dates.js';
import { monthDayProblem, spanOrderProblem } from './month-days.js';
import { pointer, type Report } from './pointer.js';

/**
 * Schedule and rule ids make UIDs: unique among the item's schedules, unique among a
 * schedule's rules, and never one the item has retired (`retiredIds`), so a removed rule's
 * events are never taken over by a new one.
 */
function checkIds(item: Plan['items'][number], i: number, report: Report): void {
  const retired = new Set(item.retiredIds ?? []);
  const schedules = new Map<string, number>();
  item.schedules.forEach((schedule, j) => {
    const at = pointer('items', i, 'schedules', j, 'id');
    const first = schedules.get(schedule.id);
    if (first !== undefined) report(at, `идентификатор срока «${schedule.id}» уже есть в этом пункте (${pointer('items', i, 'schedules', first)}): идентификаторы не должны повторяться`);
    else schedules.set(schedule.id, j);
    if (retired.has(schedule.id)) report(at, `идентификатор «${schedule.id}» выведен из употребления (retiredIds): возьмите новый, иначе события удалённого срока перейдут к этому`);
    const rules = new Map<string, number>();
    schedule.rules.forEach((rule, k) => {
      const ruleAt = pointer('items', i, 'schedules', j, 'rules', k, 'id');
      const seen = rules.get(rule.id);
      if (seen !== undefined) report(ruleAt, `идентификатор правила «${rule.id}» уже есть в этом сроке (${pointer('items', i, 'schedules', j, 'rules', seen)}): идентификаторы не должны повторяться`);
      else rules.set(rule.id, k);
      if (retired.has(rule.id)) report(ruleAt, `идентификатор «${rule.id}» выведен из употребления (retiredIds): возьмите новый, иначе события удалённого правила перейдут к этому`);
    });
  });
}

/** Checks of plan.json that its schema cannot express. */
export function checkPlan(plan: Plan, report: Report): void {
  if (!isIsoDate(plan.meta.updated.slice(0, 10))) {
    report(pointer('meta', 'updated'), `даты ${plan.meta.updated.slice(0, 10)} не существует`);
  }
  const numbers = new Map<number, number>();
  plan.items.forEach((item, i) => {
    const first = numbers.get(item.number);
    if (first === undefined) numbers.set(item.number, i);
    else report(pointer('items', i, 'number'), `пункт ${item.number} уже есть в плане (${pointer('items', first)}): номера пунктов не должны повторяться`);

    checkIds(item, i, report);
    const typeOwner = new Map<string, number>();
    item.schedules.forEach((schedule, j) => {
      schedule.organizationTypes.forEach((type, t) => {
        const owner = typeOwner.get(type);
        if (owner === undefined) typeOwner.set(type, j);
        else {
          report(
            pointer('items', i, 'schedules', j, 'organizationTypes', t),
            `тип ${type} уже указан в другом сроке этого пункта (${pointer('items', i, 'schedules', owner)}): непонятно, какой срок действует`,
          );
        }
      });
      schedule.rules.forEach((rule, k) => {
        const at = (...rest: string[]): string => pointer('items', i, 'schedules', j, 'rules', k, ...rest);
        const day = (md: MonthDay, path: string): boolean => {
          const problem = monthDayProblem(md);
          if (problem) report(path, problem);
          return !problem;
        };
        if (rule.kind === 'date' || rule.kind === 'opening') day(rule, at('day'));
        if (rule.kind === 'span') {
          const valid = day(rule.start, at('start')) && day(rule.end, at('end'));
          const order = valid ? spanOrderProblem(rule.start, rule.end) : undefined;
          if (order) report(at('end'), order);
        }
      });
    });
  });
}
