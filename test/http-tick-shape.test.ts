/**
 * src/http/tick-shape.ts: the object the app holds is one of Node's own tick objects, and it has
 * the hidden class that tick objects made later, after full collections, get — the shape the
 * hold is meant to keep. Holding an object keeps its own class alive by definition; what this
 * checks is that it is the right one (a tick object with arguments, made later, shares it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { heldTickObject, pinTickObjectShape } from '../src/http/tick-shape.js';

const ROOT = path.resolve(import.meta.dirname, '..');

const nextTick = () => new Promise<void>((resolve) => process.nextTick(resolve));

// V8's %HaveSameMap needs --allow-natives-syntax, which is not TypeScript: a plain module in a child.
const CHECK = `
import { executionAsyncResource } from 'node:async_hooks';
const { heldTickObject, pinTickObjectShape } = await import(process.argv[2]);
pinTickObjectShape();
await new Promise((resolve) => setImmediate(resolve));
const held = heldTickObject();
for (let i = 0; i < 4; i += 1) globalThis.gc();
const fresh = await new Promise((resolve) => process.nextTick((a, b) => resolve([executionAsyncResource(), a, b][0]), 'with', 'arguments'));
console.log(JSON.stringify({ held: held !== undefined, fresh: fresh !== undefined && fresh !== held, sameShape: %HaveSameMap(held, fresh) }));
`;

describe('pinTickObjectShape', () => {
  it('holds one of Node’s own tick objects, captured once, without an async hook', async () => {
    pinTickObjectShape();
    await nextTick();
    const held = heldTickObject();
    expect(held).toBeDefined();
    pinTickObjectShape();
    await nextTick();
    expect(heldTickObject()).toBe(held);
    const symbols = Object.getOwnPropertySymbols(held).map((symbol) => symbol.description);
    expect(symbols).toEqual(['async_id_symbol', 'trigger_async_id_symbol']);
    expect(Object.keys(held as object)).toEqual(['callback', 'args']);
  });

  it('holds the hidden class that later tick objects get, across full collections', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'eo-calendar-tick-'));
    try {
      const script = path.join(dir, 'check.mjs');
      await writeFile(script, CHECK);
      const child = spawnSync(process.execPath, ['--allow-natives-syntax', '--expose-gc', '--import', 'tsx', script, path.join(ROOT, 'src/http/tick-shape.ts')], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(child.error).toBeUndefined();
      expect(child.status, child.stderr).toBe(0);
      const last = child.stdout.trim().split('\n').at(-1) ?? '';
      expect(JSON.parse(last)).toEqual({ held: true, fresh: true, sameShape: true });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
