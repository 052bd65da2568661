/**
 * Under CI, a skipped test fails the run. A test that skips itself when its browser, nginx or
 * data is missing keeps a green build green while testing nothing; locally that is a
 * convenience, in CI it is a hole (.ci/run installs everything every test needs). Tests left
 * out by a name filter (`-t`) count as skipped too: filter without CI set.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class NoSkippedInCi implements Reporter {
  onTestRunEnd(testModules: readonly TestModule[]): void {
    if (!process.env.CI) return;
    const skipped: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        if (test.result().state === 'skipped') skipped.push(`${module.moduleId.replace(`${process.cwd()}/`, '')} > ${test.fullName}`);
      }
    }
    if (skipped.length === 0) return;
    console.error(`\nCI is set and ${skipped.length} test(s) were skipped, which CI counts as a failure:\n${skipped.map((s) => `  ${s}`).join('\n')}\n`);
    process.exitCode = 1;
  }
}
