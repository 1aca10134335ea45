/** How the step ended. Only `failed` fails the step. */
export type Outcome =
  | { result: 'reached' }
  | { result: 'awaiting-approval' }
  /** `wait: false` and the start was accepted. */
  | { result: 'accepted' }
  | { result: 'failed'; code: string; message: string; hint?: string | undefined };
