/**
 * Keeps one of Node's `process.nextTick` tick objects alive for the life of the process.
 *
 * Why: Node 20 builds each tick object as a literal with computed symbol keys
 * (`{ [async_id_symbol]: …, [trigger_async_id_symbol]: …, callback, args }`, in
 * lib/internal/process/task_queues.js). V8 defines such keys through an inline cache that holds
 * the objects' hidden classes weakly. A full collection that finds no tick object alive lets
 * those hidden classes go; the next tick object gets new ones, the cache meets a second shape,
 * turns megamorphic and stays so, and from then on every `nextTick` of the process — every
 * request's, from the request stream's `endReadable` — defines its properties in the runtime.
 * Whether that happens is decided by when the start-up's collections fall, so it was a lottery
 * per process: some fresh app processes answered a feed's 304 with 17–20 µs of CPU instead of
 * 13–15 µs, and stayed so. Over two sessions' fresh processes, 0 in 40 came up slow with this
 * pin against 6 in 58 without it (docs/performance.md, «Issue 13, fourth session» and «fifth
 * session»).
 *
 * An object that is alive keeps its hidden class, and the class's back pointers keep the chain
 * the literal builds: with one tick object held, the shapes cannot be collected. The object is
 * captured, not imitated (the symbols are Node's private ones), by an async hook enabled for one
 * `nextTick` at start-up. On a Node whose tick objects differ, this holds one small object and
 * changes nothing else; test/http-tick-shape.test.ts checks the shapes still match.
 */
import { createHook } from 'node:async_hooks';

let pinned: object | undefined;

const noop = (): void => undefined;

/** Captures and holds a tick object, once per process; returns it (undefined if Node made none). */
export function pinTickObjectShape(): object | undefined {
  if (pinned !== undefined) return pinned;
  const hook = createHook({
    init(_asyncId, type, _triggerAsyncId, resource) {
      if (type === 'TickObject' && pinned === undefined) pinned = resource as object;
    },
  });
  hook.enable();
  try {
    process.nextTick(noop);
  } finally {
    hook.disable();
  }
  return pinned;
}
