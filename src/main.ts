import * as core from '@actions/core';
import { EnvHttpProxyAgent } from 'undici';
import { PipelineClient } from './feldera/client.ts';
import { FelderaError } from './feldera/errors.ts';
import { InputError, readConfig, type Config } from './inputs.ts';
import { targetStatus } from './lifecycle.ts';
import type { Outcome } from './outcome.ts';
import { Progress } from './progress.ts';
import { diagnose, type Diagnosis } from './diagnose.ts';
import { report } from './report/report.ts';
import { RunEnded, runEnd } from './run-end.ts';
import { startPipeline } from './start.ts';
import { formatDuration } from './text.ts';

/** Reading the compiler's messages and the log after the outcome: a few seconds, whatever the budget left. */
const FOLLOW_UP_MS = 15_000;

/** The action's hints for Feldera's codes, where Feldera gives none, in terms of this action's inputs. */
const HINTS: Record<string, string> = {
  CannotStartWithUndismissedError: 'the pipeline holds an error from an earlier run; set dismiss-error: true to clear it before starting.',
  CannotStartWithCompilationError: 'the program does not compile; fix it, and Feldera compiles it again.',
  InitialImmutableUnlessStopped: 'the pipeline was already started with another initial; stop it first, or ask for the state it was started in.',
  BootstrapPolicyImmutableUnlessStopped: 'the pipeline was already started with another bootstrap policy; stop it first, or give the same bootstrap-policy.',
  InitialStandbyNotAllowed: 'standby needs a file storage backend with sync in the runtime config.',
  UnknownPipelineName: 'check pipeline-name and api-url: the pipeline must exist on that Feldera instance.',
  AuthenticationFailed: 'check api-key (or FELDERA_API_KEY).',
  InsufficientPermissions: 'the API key needs the write role.',
  Unreachable: 'check api-url, and that the runner can reach it (network, proxy, firewall).',
};

export async function run(): Promise<void> {
  const progress = new Progress((line) => core.info(line));
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
    await report({ outcome, progress, config: undefined, pipelineUrl: '', diagnosis: { problems: [] } });
    return;
  }

  const pipelineUrl = new URL(`pipelines/${encodeURIComponent(config.pipelineName)}/`, config.apiUrl).href;
  core.info(`Starting Feldera pipeline ${config.pipelineName} towards ${targetStatus(config.initial)}: ${pipelineUrl}`);
  const end = runEnd(config.timeoutMs, formatDuration(config.timeoutMs));
  // Honours HTTP(S)_PROXY and NO_PROXY; a plain Agent when none is set.
  const dispatcher = new EnvHttpProxyAgent();
  const client = new PipelineClient(
    {
      baseUrl: config.apiUrl,
      apiKey: config.apiKey,
      requestTimeoutMs: config.requestTimeoutMs,
      signal: end.signal,
      dispatcher,
      debug: (line) => core.debug(line),
    },
    config.pipelineName,
  );
  let open = false;
  const log = {
    info: (line: string) => core.info(line),
    warning: (line: string) => core.warning(line),
    group: (title: string) => {
      if (open) core.endGroup();
      core.startGroup(title);
      open = true;
    },
  };
  let outcome: Outcome;
  try {
    outcome = await startPipeline(client, config, progress, end.signal, log);
  } catch (error) {
    outcome = failureOf(error, config, progress);
  }
  if (open) core.endGroup();
  let diagnosis: Diagnosis = { problems: [] };
  if (!(outcome.result === 'failed' && outcome.code === 'Cancelled')) {
    // Follow-up reads get a budget of their own: the step's may be spent (a Timeout), a cancel is not.
    const followUp = client.withSignal(AbortSignal.any([end.cancelled, AbortSignal.timeout(FOLLOW_UP_MS)]), config.pipelineName);
    diagnosis = await diagnose(followUp, config, outcome, progress);
  }
  end.dispose();
  // Sockets left open would keep the process, and a cancelled run, alive.
  await dispatcher.destroy().catch(() => undefined);
  await report({ outcome, progress, config, pipelineUrl, diagnosis });
}

function failureOf(error: unknown, config: Config, progress: Progress): Outcome {
  const pipeline = `pipeline ${config.pipelineName}`;
  if (error instanceof RunEnded && error.code === 'Timeout') {
    const lastFailure = progress.lastFailure ? `; the last failure: ${progress.lastFailure}` : '';
    return {
      result: 'failed',
      code: 'Timeout',
      message: `Feldera ${pipeline} did not become ${targetStatus(config.initial)} before ${error.message}: ${progress.describeLast()}${lastFailure}.`,
      hint: 'give a longer timeout if the pipeline needs it, or look in the Feldera console why it is slow.',
    };
  }
  if (error instanceof RunEnded) {
    return {
      result: 'failed',
      code: 'Cancelled',
      message: `Stopped waiting: ${error.message} (${progress.describeLast()}). The ${pipeline} was left as it was: it is not stopped.`,
    };
  }
  if (error instanceof FelderaError) {
    // One code for "the program does not compile", whether /start refused it or the runner found it.
    const code = error.code === 'CannotStartWithCompilationError' ? 'StartFailedDueToFailedCompilation' : error.code;
    return { result: 'failed', code, message: error.message, hint: error.hint ?? HINTS[error.code] };
  }
  throw error;
}
