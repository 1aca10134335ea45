import * as core from '@actions/core';
import { EnvHttpProxyAgent } from 'undici';
import { authFor } from './auth.ts';
import { createDeployment } from './deployment.ts';
import { diagnose, type Diagnosis } from './diagnose.ts';
import { PipelineClient } from './feldera/client.ts';
import { InputError, readConfig, type Config } from './inputs.ts';
import { targetStatus } from './lifecycle.ts';
import { failureOf, type Outcome } from './outcome.ts';
import { PhaseLog } from './phase-log.ts';
import { Progress } from './progress.ts';
import { countChanges } from './report/approval.ts';
import { report } from './report/report.ts';
import { runEnd } from './run-end.ts';
import { startPipeline } from './start.ts';
import { formatDuration } from './text.ts';

/** Reading the compiler's messages and the log after the outcome: a few seconds, even after a Timeout. */
const FOLLOW_UP_MS = 6000;

/** Runs the step and returns how it ended; the caller fails the process on a failure. */
export async function run(): Promise<Outcome> {
  const log = new PhaseLog(core);
  const progress = new Progress((line) => log.info(line));
  let config: Config;
  try {
    const read = readConfig({
      getInput: (name) => core.getInput(name),
      env: process.env,
      onSecret: (secret) => core.setSecret(secret),
    });
    config = read.config;
    for (const warning of read.warnings) core.warning(warning);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const outcome: Outcome = { result: 'failed', code: 'InvalidInput', message: error.message };
    await report({ outcome, progress, config: undefined, pipelineUrl: '', diagnosis: { problems: [] }, credential: 'none chosen (invalid input)' });
    return outcome;
  }

  const pipelineUrl = new URL(`pipelines/${encodeURIComponent(config.pipelineName)}/`, config.apiUrl).href;
  core.info(`Starting Feldera pipeline ${config.pipelineName} towards ${targetStatus(config.initial)}: ${pipelineUrl}`);
  const end = runEnd(config.timeoutMs, formatDuration(config.timeoutMs));
  // Honours HTTP(S)_PROXY and NO_PROXY; a plain Agent when none is set.
  const dispatcher = new EnvHttpProxyAgent();
  const auth = authFor(config, process.env, (audience) => core.getIDToken(audience));
  const client = new PipelineClient(
    {
      baseUrl: config.apiUrl,
      credentials: auth.credentials,
      tenant: config.tenant,
      requestTimeoutMs: config.requestTimeoutMs,
      signal: end.signal,
      dispatcher,
      debug: (line) => log.debug(line),
    },
    config.pipelineName,
  );
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
  let outcome: Outcome;
  try {
    outcome = await startPipeline(client, config, progress, end.signal, log);
  } catch (error) {
    outcome = failureOf(error, config, progress, auth);
  }
  log.end();
  let diagnosis: Diagnosis = { problems: [] };
  if (!(outcome.result === 'failed' && outcome.code === 'Cancelled')) {
    // Follow-up reads get a budget of their own: the step's may be spent (a Timeout), a cancel is not.
    const followUp = client.withSignal(AbortSignal.any([end.cancelled, AbortSignal.timeout(FOLLOW_UP_MS)]));
    diagnosis = await diagnose(followUp, config, outcome, progress);
  }
  await deployment?.finish(outcome, progress.approvalDiff && countChanges(progress.approvalDiff));
  end.dispose();
  // Sockets left open would keep the process, and a cancelled run, alive.
  await dispatcher.destroy().catch(() => undefined);
  await report({ outcome, progress, config, pipelineUrl, diagnosis, credential: auth.describe() });
  return outcome;
}
