import * as core from '@actions/core';
import { connect } from './connection/connection.ts';
import { PipelineClient } from './feldera/client.ts';
import { inputText, parseBoolean, readConfig } from './model/inputs.ts';
import { inline } from './text/markdown.ts';
import { info } from './log/log.ts';
import { runEnd, type Cancellation } from './cancellation.ts';
import { appendSummary } from './report/step-summary.ts';
import { STARTED_STATE } from './report/state.ts';
import { stopPipeline } from './phases/stop.ts';
import { formatDuration, messageOf, pipelineLabel } from './text/text.ts';

/** The post step waits this long for `Stopped`. */
const STOP_AT_JOB_END_MS = 60_000;

/**
 * The post step (action.yml `runs.post`, `post-if: always()`): with `stop-at-job-end: true`, stops the
 * pipelines the main step started, whatever the job's result, side by side within 60 s. It reads the inputs and the environment
 * again for the address and the credential. It never fails the job: every problem is a warning.
 */
export async function post(cancel: Cancellation): Promise<void> {
  try {
    await stopAtJobEnd(cancel);
  } catch (error) {
    core.warning(`stop-at-job-end: ${messageOf(error)}`, { title: 'stop-at-job-end' });
  }
}

async function stopAtJobEnd(cancel: Cancellation): Promise<void> {
  // Only this input decides whether anything is sent; the others are read once there is something to stop.
  const asked = inputText('stop-at-job-end', { getInput: (name) => core.getInput(name), env: process.env });
  if (parseBoolean('stop-at-job-end', asked, []) !== true) return;
  const started = startedPipelines(core.getState(STARTED_STATE));
  if (started.length === 0) {
    info('stop-at-job-end: this step started no pipeline, so there is none to stop.');
    return;
  }
  // The main step read these inputs before it started anything: they are valid.
  const { config } = readConfig({
    getInput: (name) => core.getInput(name),
    env: process.env,
    onSecret: (secret) => core.setSecret(secret),
  });
  // One budget for all of them, stopped side by side; a cancel cuts it short.
  const end = runEnd(STOP_AT_JOB_END_MS, formatDuration(STOP_AT_JOB_END_MS), cancel.signal);
  let said = false;
  cancel.atDeadline(() => {
    if (said) return;
    const text = `stop-at-job-end: the run was cancelled before ${started.join(', ')} could be seen Stopped.`;
    core.warning(text, { title: 'stop-at-job-end' });
    appendSummary(`\n⚠️ ${inline(text, 2000)}\n`);
    // The post step never fails the job.
    process.exitCode = 0;
  });
  const connection = connect(config, end.signal);
  try {
    for (const name of started)
      info(`Stopping Feldera pipeline ${name} at the end of the job (stop-at-job-end: true).`);
    const problems = await Promise.all(
      started.map((name) => stopPipeline(new PipelineClient(connection.http, name), STOP_AT_JOB_END_MS, end.cancelled)),
    );
    const lines = started.map((name, i) => {
      const problem = problems[i];
      const text = problem
        ? `Could not stop pipeline ${name} at the end of the job: ${problem}.`
        : `Pipeline ${name} was stopped at the end of the job (stop-at-job-end: true).`;
      if (problem) core.warning(text, { title: `${pipelineLabel(name)} not stopped` });
      else info(text);
      return `${problem ? '⚠️' : '⏹️'} ${inline(text, 2000)}`;
    });
    said = true;
    appendSummary(`\n${lines.join('<br>\n')}\n`);
  } finally {
    end.dispose();
    await connection.close();
  }
}

function startedPipelines(state: string): string[] {
  try {
    const names: unknown = JSON.parse(state || '[]');
    return Array.isArray(names) ? names.filter((name): name is string => typeof name === 'string') : [];
  } catch {
    return [];
  }
}
