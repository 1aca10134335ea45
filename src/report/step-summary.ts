import { appendFileSync } from 'node:fs';

/**
 * Appends markdown to the job summary (the file GITHUB_STEP_SUMMARY names), synchronously: a report
 * written at once cannot be cut in half by a cancel's deadline. Returns why it could not, if it could not.
 */
export function appendSummary(markdown: string): string | undefined {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (!file) return 'GITHUB_STEP_SUMMARY is not set';
  try {
    appendFileSync(file, markdown);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
