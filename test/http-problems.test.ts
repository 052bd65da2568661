import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedRenderer } from '../src/http/routes/feeds.js';
import { buildTestApp, countingRenderer, PUBLIC_URL, type TestApp } from './helpers/app.js';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  parameter?: string;
}

let t: TestApp | undefined;
afterEach(async () => t?.close());

async function app(renderFeed: FeedRenderer = countingRenderer().render, logger?: object): Promise<TestApp> {
  t = await buildTestApp({ renderFeed, ...(logger === undefined ? {} : { logger }) });
  return t;
}

const CYRILLIC = /[а-яё]/i;

function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; json: <T>() => T }, status: number): Problem {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toBe('application/problem+json');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  const problem = res.json<Problem>();
  expect(problem.status).toBe(status);
  expect(problem.title).toMatch(CYRILLIC);
  expect(problem.detail).toMatch(CYRILLIC);
  return problem;
}

describe('404 problems', () => {
  it('names the unknown organization type and lists the valid ones', async () => {
    const { app: a } = await app();
    const problem = expectProblem(await a.inject({ url: '/feeds/schools.ics?daily=0' }), 404);
    expect(problem).toMatchObject({ type: `${PUBLIC_URL}/problems/not-found`, instance: '/feeds/schools.ics?daily=0' });
    expect(problem.detail).toContain('«schools»');
    expect(problem.detail).toContain('general, preschool, additional');
    expect(problem.parameter).toBeUndefined();
  });

  it('names the unknown organization and links the list of organizations', async () => {
    const { app: a } = await app();
    for (const id of ['no-such-school', 'Not_An_Id']) {
      const problem = expectProblem(await a.inject({ url: `/feeds/organizations/${id}.ics` }), 404);
      expect(problem.detail).toBe(`Организация «${id}» не найдена. Список организаций: ${PUBLIC_URL}/organizations`);
    }
  });

  it('answers an unknown route with a problem too', async () => {
    const { app: a } = await app();
    const problem = expectProblem(await a.inject({ url: '/calendar.ics' }), 404);
    expect(problem.detail).toContain('«/calendar.ics»');
    expect(problem.instance).toBe('/calendar.ics');
  });
});

describe('400 problems name the parameter', () => {
  const cases: [query: string, parameter: string, detailPart: string][] = [
    ['colour=red', 'colour', 'Неизвестный параметр «colour»'],
    ['reminders=1&reminders=2', 'reminders', 'указан несколько раз'],
    ['daily=1&daily=1', 'daily', 'указан несколько раз'],
    ['reminders=abc', 'reminders', 'Неверное значение параметра «reminders»: «abc»'],
    ['reminders=', 'reminders', 'Неверное значение параметра «reminders»'],
    ['reminders=999', 'reminders', 'Напоминания за 999 дн. нет: можно напомнить за 0, 1, 2, 3, 5, 7, 14 или 30 дн. до срока'],
    ['reminders=4', 'reminders', 'Напоминания за 4 дн. нет'],
    ['reminders=61', 'reminders', 'за 0, 1, 2, 3, 5, 7, 14 или 30 дн.'],
    ['reminders=1,2,3,5', 'reminders', 'Указано напоминаний: 4; можно не более 3 сразу'],
    ['daily=2', 'daily', 'Неверное значение параметра «daily»: «2»'],
    ['daily=yes', 'daily', '0 — только сроки'],
    ['items=99', 'items', 'Пункта 99 нет в плане'],
    ['items=3,98,99', 'items', 'Пунктов 98, 99 нет в плане'],
    ['items=3;4', 'items', 'Неверное значение параметра «items»'],
  ];
  it.each(cases)('%s → %s', async (query, parameter, detailPart) => {
    const { app: a } = await app();
    const problem = expectProblem(await a.inject({ url: `/feeds/all.ics?${query}` }), 400);
    expect(problem).toMatchObject({ type: `${PUBLIC_URL}/problems/invalid-parameter`, parameter, instance: `/feeds/all.ics?${query}` });
    expect(problem.detail).toContain(detailPart);
  });

  it('accepts the limits themselves', async () => {
    const { app: a } = await app();
    const res = await a.inject({ url: '/feeds/all.ics?reminders=0,30,14&daily=1&items=1' });
    expect(res.statusCode).toBe(200);
  });

  it('lists the plan’s item numbers when an item is missing', async () => {
    const { app: a, store } = await app();
    const numbers = store.current.plan.items.map((i) => i.number);
    const items = (await a.inject({ url: '/feeds/general.ics?items=999' })).json<Problem>();
    expect(items.detail).toContain(`${Math.min(...numbers)}–${Math.max(...numbers)}`);
  });
});

describe('500 problems', () => {
  it('hides internals, logs the error with the request id, and remembers the failure briefly instead of rendering again', async () => {
    let fail = true;
    let attempts = 0;
    const good = countingRenderer();
    const renderFeed: FeedRenderer = (...args) => {
      attempts += 1;
      if (fail) throw new Error('secret renderer internals at /srv/eo/src/render.ts:42');
      return good.render(...args);
    };
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const { app: a } = await app(renderFeed, { level: 'error', stream });

    const res = await a.inject({ url: '/feeds/all.ics' });
    const problem = expectProblem(res, 500);
    expect(problem.type).toBe(`${PUBLIC_URL}/problems/internal-error`);
    expect(res.body).not.toMatch(/secret|render\.ts|stack|Error:/);
    expect(Object.keys(problem).sort()).toEqual(['detail', 'instance', 'status', 'title', 'type']);

    const logged = lines.map((line) => JSON.parse(line) as { reqId?: string; err?: { message?: string } });
    const entry = logged.find((l) => l.err?.message?.startsWith('secret renderer internals'));
    expect(entry?.reqId).toBeDefined();
    expect(problem.detail).toContain(String(entry?.reqId));

    // Within FAILURE_TTL_MS the same feed answers the same problem without a second render;
    // test/http-representation.test.ts checks the retry after it.
    fail = false;
    expectProblem(await a.inject({ url: '/feeds/all.ics' }), 500);
    expect(attempts).toBe(1);
    expect((await a.inject({ url: '/feeds/all.ics?daily=0' })).statusCode).toBe(200);
  });
});
