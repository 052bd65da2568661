import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main as occurrences } from '../src/cli/occurrences.js';
import { main as validate } from '../src/cli/validate.js';

const FIXTURES = 'test/fixtures/broken';
const MINIMAL = ['--plan', `${FIXTURES}/minimal/plan.json`, '--data', `${FIXTURES}/minimal/data`];
const NOW = new Date('2026-03-01T09:00:00Z');

async function run(main: typeof occurrences, argv: string[], now = NOW) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, (line: string) => out.push(line), (line: string) => err.push(line), now);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run validate', () => {
  it('prints a summary and exits 0 for valid data', async () => {
    const { code, out } = await run(validate, MINIMAL);
    expect(code).toBe(0);
    expect(out).toMatch(/^OK: план test\.1\+[0-9a-f]{10}, 3 пункта, 2 организации, учебные годы 2025-2026, производственный календарь 2025–2026$/);
  });

  it('prints every issue as file: pointer: message and exits 1', async () => {
    const { code, err } = await run(validate, ['--plan', `${FIXTURES}/minimal/plan.json`, '--data', `${FIXTURES}/semantic/data`]);
    expect(code).toBe(1);
    expect(err.split('\n')).toEqual([
      `${FIXTURES}/semantic/data/organizations.json: /organizations/1/id: организация school-1 уже есть в реестре (/organizations/0)`,
      `${FIXTURES}/semantic/data/school-years.json: /years/0/id: учебный год 2025-2027: второй год должен быть следующим за первым, например 2025-2026`,
      `${FIXTURES}/semantic/data/working-days/2026.json: /year: год 2027 не совпадает с именем файла 2026.json`,
      'Найдено проблем: 3',
    ]);
  });

  it('refuses unknown options with exit code 2', async () => {
    const { code, err } = await run(validate, ['--plna', 'x']);
    expect(code).toBe(2);
    expect(err).toContain('Использование');
  });
});

describe('occurrences', () => {
  const rows = (out: string) => out.split('\n').filter((line) => /^\d{4}-\d{2}-\d{2}/.test(line)).map((line) => line.split(/ {2,}/));

  it('lists the whole plan for a year with types, standing duties and missing school years', async () => {
    const { code, out } = await run(occurrences, [...MINIMAL, '--year', '2026']);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toMatch(/^Календарь: весь план, 2026-01-01 – 2026-12-31 \(план test\.1\+[0-9a-f]{10}\)$/);
    expect(rows(out)).toEqual([
      ['2026-01-01 – 2026-01-31', '3', 'Проверка', 'январь', 'ОО, ДОО', 'Январь или Сентябрь'],
      // 1.02.2026 is a Sunday: the calendar's day is the Friday before, the order's day is said
      ['2026-01-30', '1', 'Отчёт', 'по приказу 2026-02-01 (выходной)', 'ОО, ДОО, ОДО', 'до 1 февраля, в течение 3-х рабочих дней в случае изменения'],
      ['2026-06-01', '2', 'Закрытие года', 'завершение 2025/26 учебного года', 'ОО', 'Июнь (на следующий день после завершения учебного года)'],
      ['2026-06-01 – 2026-08-31', '2', 'Закрытие года', 'ДОО, ОДО', 'Июнь-Август'],
      ['2026-09-01', '1', 'Постоянные обязанности', 'ОО, ДОО, ОДО', 'Постоянные обязанности: по мере необходимости и при изменении данных'],
      ['2026-09-01 – 2026-09-30', '3', 'Проверка', 'сентябрь', 'ОО, ДОО', 'Январь или Сентябрь'],
    ]);
    expect(out).toContain('Всего сроков: 6');
    expect(out).toContain('Постоянные обязанности (без даты):\n  п. 1 Отчёт — до 1 февраля, в течение 3-х рабочих дней в случае изменения');
    // 2026/27 has no data: a provisional calendar stands in, so nothing is missing
    expect(out).not.toContain('Не хватает данных');
  });

  it('an organization gets only its chosen month, without the types column', async () => {
    const { out } = await run(occurrences, [...MINIMAL, '--organization', 'school-1', '--from', '2026-01-01', '--to', '2026-09-30']);
    expect(out.split('\n')[0]).toContain('Календарь: Школа № 1 (school-1), 2026-01-01 – 2026-09-30');
    expect(rows(out).map((r) => [r[0], r[1], r[3]])).toEqual([
      ['2026-01-30', '1', 'по приказу 2026-02-01 (выходной)'],
      ['2026-06-01', '2', 'завершение 2025/26 учебного года'],
      ['2026-09-01', '1', 'Постоянные обязанности: по мере необходимости и при изменении данных'],
      ['2026-09-01 – 2026-09-30', '3', 'сентябрь'],
    ]);
    expect(out).not.toContain('ДОО');
  });

  it('an organization type gets its own schedules', async () => {
    const { out } = await run(occurrences, [...MINIMAL, '--type', 'preschool', '--from', '2026-05-01', '--to', '2026-06-30']);
    expect(out.split('\n')[0]).toContain('Календарь: дошкольные образовательные организации');
    expect(rows(out).map((r) => r[0])).toEqual(['2026-06-01 – 2026-08-31']);
    expect(out).not.toContain('Не хватает данных');
  });

  it('defaults to the current year in Moscow', async () => {
    const { out } = await run(occurrences, MINIMAL, new Date('2025-12-31T21:30:00Z'));
    expect(out.split('\n')[0]).toContain('2026-01-01 – 2026-12-31');
  });

  it('--no-daily drops the daily duties', async (context) => {
    if (!existsSync('plan.json') || !existsSync('data/organizations.json')) context.skip();
    const week = ['--type', 'general', '--from', '2026-02-02', '--to', '2026-02-06'];
    const daily = await run(occurrences, week);
    const without = await run(occurrences, [...week, '--no-daily']);
    expect(rows(daily.out).some((r) => / \d{2}:\d{2}/.test(r[0] ?? ''))).toBe(true);
    expect(rows(without.out).some((r) => / \d{2}:\d{2}/.test(r[0] ?? ''))).toBe(false);
  });

  it('refuses bad arguments with exit code 2', async () => {
    for (const argv of [
      ['--type', 'school'],
      ['--organization', 'nope'],
      ['--type', 'general', '--organization', 'school-1'],
      ['--year', '2026', '--from', '2026-01-01'],
      ['--from', '2026-01-01'],
      ['--from', '2026-02-30', '--to', '2026-03-01'],
      ['--from', '2026-03-01', '--to', '2026-02-01'],
      ['--year', '26'],
    ]) {
      const { code, err } = await run(occurrences, [...MINIMAL, ...argv]);
      expect({ argv, code }).toEqual({ argv, code: 2 });
      expect(err).toContain('Использование');
    }
  });

  it('prints the data issues and exits 1 when the data is invalid', async () => {
    const { code, err } = await run(occurrences, ['--plan', `${FIXTURES}/minimal/plan.json`, '--data', `${FIXTURES}/semantic/data`]);
    expect(code).toBe(1);
    expect(err).toContain(`${FIXTURES}/semantic/data/school-years.json: /years/0/id:`);
  });
});
