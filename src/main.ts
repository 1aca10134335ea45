import * as core from '@actions/core';
import { EnvHttpProxyAgent } from 'undici';
import { authFor } from './auth.ts';
import { createDeployment } from './deployment.ts';
import { diagnose } from './diagnose.ts';
import { PipelineClient } from './feldera/client.ts';
import type { HttpOptions } from './feldera/http.ts';
import { describePlatform, readPlatform, type Platform } from './feldera/platform.ts';
import { noHealth, watchHealth } from './health/window.ts';
import { withEdition } from './hints.ts';
import { InputError, readConfig } from './inputs.ts';
import { targetStatus } from './lifecycle.ts';
import { info, phaseGroups } from './log.ts';
import { failureOf, internalError } from './outcome.ts';
import { Progress } from './progress.ts';
import { countChanges } from './report/approval.ts';
import { report, type ReportFacts } from './report/report.ts';
import { runEnd } from './run-end.ts';
import { startPipeline, waitingRetry } from './start.ts';
import { formatDuration } from './text.ts';

/** Reading the compiler's messages and the log after the outcome: a few seconds, even after a Timeout. */
const FOLLOW_UP_MS = 6000;

export async function run(): Promise<void> {
  const facts: ReportFacts = {
    outcome: { result: 'failed', code: 'InternalError', message: 'The action ended before it decided anything.' },
    progress: new Progress(info),
    config: undefined,
    pipelineUrl: '',
    diagnosis: { problems: [] },
    health: noHealth(),
    credential: 'none chosen',
    feldera: undefined,
  };
  try {
    await startAndWait(facts);
  } catch (error) {
    // Whatever went wrong, the step still ends with its outputs, its summary and an annotation.
    facts.outcome = error instanceof InputError ? { result: 'failed', code: 'InvalidInput', message: error.message } : internalError(error);
  }
  await report(facts);
}

/** Reads the inputs, starts the pipeline, waits, checks its health, and reads what explains the outcome, into `facts`. */
async function startAndWait(facts: ReportFacts): Promise<void> {
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
  const auth = authFor(config, process.env, (audience) => core.getIDToken(audience), (secret) => core.setSecret(secret));
  facts.credential = auth.describe();
  const end = runEnd(config.timeoutMs, formatDuration(config.timeoutMs));
  // The proxies of the environment, as inputs.ts read and checked them; a plain Agent when none is set.
  const dispatcher = new EnvHttpProxyAgent(config.proxy);
  try {
    const http: HttpOptions = {
      baseUrl: config.apiUrl,
      credentials: auth.credentials,
      tenant: config.tenant,
      requestTimeoutMs: config.requestTimeoutMs,
      signal: end.signal,
      dispatcher,
      debug: (line) => core.debug(line),
    };
    const client = new PipelineClient(http, config.pipelineName);
    const phases = phaseGroups();
    const log = { info, warning: (line: string) => core.warning(line), group: phases.open };
    const deployment = config.environment
      ? await createDeployment({
          token: config.githubToken ?? '',
          environment: config.environment,
          pipelineName: config.pipelineName,
          pipelineUrl,
          cancelled: end.cancelled,
          info,
          warning: log.warning,
        })
      : undefined;
    // Beside the first request, never waited for: the report uses it if it came in time.
    let platform: Platform | undefined;
    void readPlatform(http).then((answer) => {
      platform = answer;
      if (answer) facts.feldera = describePlatform(answer);
      if (answer) core.debug(`Feldera ${describePlatform(answer)}`);
    });
    try {
      facts.outcome = await startPipeline(client, config, progress, end.signal, log);
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
    phases.close();
    const outcome = facts.outcome;
    if (!(outcome.result === 'failed' && outcome.code === 'Cancelled')) {
      // Follow-up reads get a budget of their own: the step's may be spent (a Timeout), a cancel is not.
      const followUp = client.withSignal(AbortSignal.any([end.cancelled, AbortSignal.timeout(FOLLOW_UP_MS)]));
      facts.diagnosis = await diagnose(followUp, config, outcome, progress);
    }
    await deployment?.finish(outcome, progress.approvalDiff && countChanges(progress.approvalDiff));
    facts.credential = auth.describe();
  } finally {
    end.dispose();
    // Sockets left open would keep the process, and a cancelled run, alive.
    await dispatcher.destroy().catch(() => undefined);
  }
}
