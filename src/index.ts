import { getState, warning } from '@actions/core';
import { run } from './main.ts';
import { POST_STATE } from './github/state.ts';

/** What the runner reads as a failed step. Set here, not in run(): @github/local-action calls run() itself. */
const EXIT_FAILURE = 1;

// The runner runs this file twice: as the step, and as its post step (action.yml runs.post), which
// has the state the step saved. The post step never fails the job, not even when its code cannot load.
if (getState(POST_STATE)) {
  await import('./github/post.ts').then(({ post }) => post()).catch((error: unknown) => warning(`stop-at-job-end: ${String(error)}`));
} else {
  const outcome = await run();
  if (outcome.result === 'failed') process.exitCode = EXIT_FAILURE;
}
// Everything is reported. A request the action cannot abort (the toolkit's ID token fetch has no
// signal) must not keep the step alive: leave a moment for output to drain, then exit.
setTimeout(() => process.exit(), 500).unref();
