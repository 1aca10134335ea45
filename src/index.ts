import { getState } from '@actions/core';
import { run } from './main.ts';
import { post, POST_STATE } from './post.ts';

// The runner runs this file twice: as the step, and as its post step (action.yml runs.post), which
// has the state the step saved.
await (getState(POST_STATE) ? post() : run());
// Everything is reported. A request the action cannot abort (the toolkit's ID token fetch has no
// signal) must not keep the step alive: leave a moment for output to drain, then exit.
setTimeout(() => process.exit(), 500).unref();
