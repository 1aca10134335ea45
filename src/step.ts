import { getState, warning } from '@actions/core';
import { run } from './main.ts';
import { POST_STATE } from './report/state.ts';
import { exitWhenFlushed } from './log/log.ts';
import type { Cancellation } from './cancellation.ts';

/** What the runner reads as a failed step. Set here, not in run(): @github/local-action calls run() itself. */
const EXIT_FAILURE = 1;

/**
 * The runner runs the bundle twice: as the step, and as its post step (action.yml runs.post), which
 * has the state the step saved. The post step never fails the job, not even when its code cannot load.
 */
export async function step(cancel: Cancellation): Promise<void> {
  if (getState(POST_STATE)) {
    await import('./post.ts')
      .then(({ post }) => post(cancel))
      .catch((error: unknown) => warning(`stop-at-job-end: ${String(error)}`, { title: 'stop-at-job-end' }));
  } else {
    const outcome = await run(cancel);
    if (outcome.result === 'failed') process.exitCode = EXIT_FAILURE;
  }
  exitWhenFlushed();
}
