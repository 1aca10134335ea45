import * as core from '@actions/core';
import { connect } from './connection.ts';
import { createDeployment } from './deployment.ts';
import { diagnose } from './diagnose.ts';
import { PipelineClient } from './feldera/client.ts';
import { describePlatform, readPlatform, type Platform } from './feldera/platform.ts';
import { noHealth, watchHealth } from './health/window.ts';
import { withEdition } from './hints.ts';
import { InputError, readConfig } from './inputs.ts';
import { targetStatus } from './lifecycle.ts';
import { info, stepLog } from './log.ts';
import { failureOf, internalError, type Outcome } from './outcome.ts';
import { PhaseLog } from './phase-log.ts';
import { STARTED_STATE, POST_STATE } from './post.ts';
import { Progress } from './progress.ts';
import { countChanges } from './report/approval.ts';
import { report, type ReportFacts } from './report/report.ts';
import { runEnd } from './run-end.ts';
import { startPipeline, waitingRetry } from './start.ts';
import { stopPipeline, stopsAfter } from './stop.ts';
import { formatDuration } from './text.ts';

/** Reading the compiler's messages and the log after the outcome: a few seconds, even after a Timeout. */
const FOLLOW_UP_MS = 6000;
/** A stop after a Timeout or a failed health check has a budget of its own, like the follow-up reads. */
const STOP_MS = 30_000;
/** After a cancel, the runner kills the step soon: the stop gets this long, the report the rest of 5 s. */
const STOP_AFTER_CANCEL_MS = 2500;

/** Runs the step and returns how it ended; the caller fails the process on a failure. */
export async function run(): Promise<Outcome> {
  // The runner runs this bundle again as the post step (action.yml runs.post): it tells by this state.
  core.saveState(POST_STATE, 'true');
  const log = new PhaseLog(stepLog);
  const facts: ReportFacts = {
    outcome: { result: 'failed', code: 'InternalError', message: 'The action ended before it decided anything.' },
    progress: new Progress((line) => log.info(line)),
    config: undefined,
    pipelineUrl: '',
    diagnosis: { problems: [] },
    health: noHealth(),
    stopped: false,
    credential: 'none chosen',
    feldera: undefined,
  };
  try {
    await startAndWait(facts, log);
  } catch (error) {
    // Whatever went wrong, the step still ends with its outputs, its summary and an annotation.
    facts.outcome = error instanceof InputError ? { result: 'failed', code: 'InvalidInput', message: error.message } : internalError(error);
  }
  log.end();
  await report(facts);
  return facts.outcome;
}

/** Reads the inputs, starts the pipeline, waits, checks its health, and reads what explains the outcome, into `facts`. */
async function startAndWait(facts: ReportFacts, log: PhaseLog): Promise<void> {
  const { progress } = facts;
  const read = readConfig({
    getInput: (name) => core.getInput(name),
    env: process.env,
    onSecret: (secret) => core.setSecret(secret),
  });
  const config = read.config;
  facts.config = config;
  for (const warning of read.warnings) core.warning(warning);

  const pipelineUrl = new URL(`pipelines/${encodeURIComponent(config.pipelineName)}/`, config.apiUrl).href;
  facts.pipelineUrl = pipelineUrl;
  info(`Starting Feldera pipeline ${config.pipelineName} towards ${targetStatus(config.initial)}: ${pipelineUrl}`);
  const end = runEnd(config.timeoutMs, formatDuration(config.timeoutMs));
  const connection = connect(config, end.signal, (line) => log.debug(line));
  const { auth, http } = connection;
  facts.credential = auth.describe();
  try {
    const client = new PipelineClient(http, config.pipelineName);
    const deployment = config.environment
      ? await createDeployment({
          token: config.githubToken ?? '',
          environment: config.environment,
          pipelineName: config.pipelineName,
          pipelineUrl,
          cancelled: end.cancelled,
          info: (line) => log.info(line),
          warning: (line) => log.warning(line),
        })
      : undefined;
    // Beside the first request, never waited for: the report uses it if it came in time.
    let platform: Platform | undefined;
    void readPlatform(http).then((answer) => {
      platform = answer;
      if (answer) facts.feldera = describePlatform(answer);
      if (answer) core.debug(`Feldera ${describePlatform(answer)}`);
    });
    // Only names in the state: the post step reads the inputs and the environment again, never a secret from here.
    const accepted = () => core.saveState(STARTED_STATE, JSON.stringify([config.pipelineName]));
    try {
      facts.outcome = await startPipeline(client, config, progress, end.signal, log, accepted);
      // Standby runs nothing yet, so there is no health to check.
      if (facts.outcome.result === 'reached' && config.initial !== 'standby') {
        const window = config.healthWindowMs > 0 ? ` for ${formatDuration(config.healthWindowMs)}` : '';
        log.group(`Checking the connectors' health${window}`);
        facts.outcome = await watchHealth(client, config, progress, end.signal, waitingRetry(progress, log), facts.health);
      }
    } catch (error) {
      facts.outcome = failureOf(error, config, progress, auth);
    }
    facts.outcome = withEdition(facts.outcome, platform);
    log.end();
    const outcome = facts.outcome;
    const cancelled = outcome.result === 'failed' && outcome.code === 'Cancelled';
    if (!cancelled) {
      // Follow-up reads get a budget of their own: the step's may be spent (a Timeout), a cancel is not.
      const followUp = client.withSignal(AbortSignal.any([end.cancelled, AbortSignal.timeout(FOLLOW_UP_MS)]));
      facts.diagnosis = await diagnose(followUp, config, outcome, progress);
    }
    if (config.stopOnFailure && progress.startAccepted && stopsAfter(outcome)) {
      info(`Stopping pipeline ${config.pipelineName} after ${outcome.result === 'failed' ? outcome.code : ''} (stop-on-failure: true).`);
      const problem = await stopPipeline(client, cancelled ? STOP_AFTER_CANCEL_MS : STOP_MS);
      facts.stopped = problem === undefined;
      if (problem)
        core.warning(`Could not stop pipeline ${config.pipelineName} (stop-on-failure: true): ${problem}.`, { title: `Feldera pipeline ${config.pipelineName} not stopped` });
    }
    facts.outcome = withStopNote(facts.outcome, facts.stopped, config.pipelineName);
    await deployment?.finish(facts.outcome, progress.approvalDiff && countChanges(progress.approvalDiff));
    facts.credential = auth.describe();
  } finally {
    end.dispose();
    await connection.close();
  }
}

/** A failure's message says what became of the pipeline: stopped by this step, or left as it was after a cancel. */
function withStopNote(outcome: Outcome, stopped: boolean, name: string): Outcome {
  if (outcome.result !== 'failed') return outcome;
  if (stopped) return { ...outcome, message: `${outcome.message} Pipeline ${name} was stopped (stop-on-failure: true).` };
  if (outcome.code === 'Cancelled') return { ...outcome, message: `${outcome.message} The pipeline ${name} was left as it was: it is not stopped.` };
  return outcome;
}
