import { run } from './main.ts';

await run();
// Everything is reported. A request the action cannot abort (the toolkit's ID token fetch has no
// signal) must not keep the step alive: leave a moment for output to drain, then exit.
setTimeout(() => process.exit(), 500).unref();
