import { cancellation } from './cancellation.ts';

// Before the rest of the bundle loads: from here on, no cancel can kill the step unreported.
const cancel = cancellation();
const { step } = await import('./step.ts');
await step(cancel);
