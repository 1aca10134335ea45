import { defineConfig } from 'vitest/config';
import type { TestModule } from 'vitest/node';

/** Ends the run with a plain `tests: N passed, N failed, N skipped` line that any CI can read. */
const countsLine = {
  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    const count = (state: 'passed' | 'failed' | 'skipped') =>
      modules.reduce((sum, module) => sum + [...module.children.allTests(state)].length, 0);
    console.log(`tests: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped`);
  },
};

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', countsLine],
    // End-to-end runs start node and wait on scripted phases: generous on a loaded 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
