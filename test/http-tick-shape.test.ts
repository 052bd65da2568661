/**
 * src/http/tick-shape.ts: the tick object the app holds is a real one, and it keeps the shape
 * later tick objects get across full collections — what the pin relies on. If a Node release
 * builds its tick objects another way, the second test fails, and the pin (harmless then) can go.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pinTickObjectShape } from '../src/http/tick-shape.js';

const ROOT = path.resolve(import.meta.dirname, '..');

// V8's %HaveSameMap needs --allow-natives-syntax, which is not TypeScript: a plain module in a child.
const CHECK = `
import { createHook } from 'node:async_hooks';
const { pinTickObjectShape } = await import(process.argv[2]);
const pinned = pinTickObjectShape();
const again = pinTickObjectShape();
globalThis.gc();
globalThis.gc();
let fresh;
const hook = createHook({ init(_id, type, _trigger, resource) { if (type === 'TickObject') fresh ??= resource; } });
hook.enable();
process.nextTick(() => undefined, 'with', 'arguments');
hook.disable();
console.log(JSON.stringify({ pinned: pinned !== undefined, once: pinned === again, fresh: fresh !== undefined, sameShape: %HaveSameMap(pinned, fresh) }));
`;

describe('pinTickObjectShape', () => {
  it('holds one of Node’s own tick objects, captured once', () => {
    const pinned = pinTickObjectShape();
    expect(pinned).toBeDefined();
    expect(pinTickObjectShape()).toBe(pinned);
    const symbols = Object.getOwnPropertySymbols(pinned).map((symbol) => symbol.description);
    expect(symbols).toEqual(['async_id_symbol', 'trigger_async_id_symbol']);
    expect(Object.keys(pinned as object)).toEqual(['callback', 'args']);
  });

  it('keeps the shape that later tick objects get, across full collections', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'eo-calendar-tick-'));
    try {
      const script = path.join(dir, 'check.mjs');
      await writeFile(script, CHECK);
      const child = spawnSync(process.execPath, ['--allow-natives-syntax', '--expose-gc', '--import', 'tsx', script, path.join(ROOT, 'src/http/tick-shape.ts')], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(child.stderr).toBe('');
      expect(JSON.parse(child.stdout)).toEqual({ pinned: true, once: true, fresh: true, sameShape: true });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
