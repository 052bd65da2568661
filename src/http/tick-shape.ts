/**
 * Keeps one of Node's `process.nextTick` tick objects alive for the life of the process.
 *
 * Why: without it, some fresh app processes (4 in 25 in the last count) answered a feed's 304
 * with 15–17 µs of CPU instead of 12–13 µs, and stayed so for their whole life. `perf` shows
 * what such a process does differently: it defines the properties of every tick object in V8's
 * runtime (`Runtime_DefineKeyedOwnPropertyInLiteral`, from the request stream's `endReadable`).
 * Node 20 builds each tick object as a literal with computed symbol keys
 * (`{ [async_id_symbol]: …, [trigger_async_id_symbol]: …, callback, args }`,
 * lib/internal/process/task_queues.js), and the inline cache of that literal has gone
 * megamorphic. Our reading is that the hidden classes the literal builds were lost or replaced
 * once at start-up, depending on when its collections fell. Holding one tick object keeps its
 * class and the chain behind it alive. This is a reading, not a proof: in a small script those
 * classes survive full collections anyway.
 *
 * What is measured: fresh processes, one at a time, alternating. With a tick object held, 0 of
 * 65 came up slow; without one, 10 of 83 did (Fisher's exact test, one-sided, p = 0.002). The
 * 65 are 40 with an earlier capture through an async hook and 25 with this one; the figures are
 * in docs/performance.md, «Issue 13, fourth session» and «fifth session». Enabling an async hook
 * would switch off one of V8's promise optimisations (its PromiseHook protector) for good, so
 * the object is captured without one: inside a `nextTick` callback, the executing resource is the
 * tick object itself. On a Node whose tick objects differ, this holds one small object and does
 * nothing else. test/http-tick-shape.test.ts checks that the held object has the class that tick
 * objects made later get.
 */
import { executionAsyncResource } from 'node:async_hooks';

let held: object | undefined;
let scheduled = false;

/**
 * Schedules the capture of a tick object, once per process: inside a `nextTick` callback the
 * executing resource is Node's own tick object. No async hook is enabled for it.
 */
export function pinTickObjectShape(): void {
  if (scheduled) return;
  scheduled = true;
  process.nextTick(() => {
    held = executionAsyncResource();
  });
}

/** The tick object held, once the scheduled tick has run. */
export function heldTickObject(): object | undefined {
  return held;
}
