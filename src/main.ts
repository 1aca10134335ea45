import * as core from '@actions/core';
import { EnvHttpProxyAgent } from 'undici';
import { PipelineClient } from './feldera/client.ts';
import { FelderaError } from './feldera/errors.ts';
import { InputError, readConfig, type Config } from './inputs.ts';
import { targetStatus } from './lifecycle.ts';
import type { Outcome } from './outcome.ts';
import { Progress } from './progress.ts';
import { OUTPUT_NAMES, outputValues } from './report/outputs.ts';
import { summaryMarkdown } from './report/summary.ts';
import { RunEnded, runEndSignal } from './run-end.ts';
import { startPipeline } from './start.ts';
import { formatDuration } from './text.ts';

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
    await report({ result: 'failed', code: 'InvalidInput', message: error.message }, progress, undefined, '');
    return;
  }

  const pipelineUrl = new URL(`pipelines/${encodeURIComponent(config.pipelineName)}/`, config.apiUrl).href;
  core.info(`Starting Feldera pipeline ${config.pipelineName} towards ${targetStatus(config.initial)}: ${pipelineUrl}`);
  const runEnd = runEndSignal(config.timeoutMs, formatDuration(config.timeoutMs));
  // Honours HTTP(S)_PROXY and NO_PROXY; a plain Agent when none is set.
  const dispatcher = new EnvHttpProxyAgent();
  const client = new PipelineClient(
    {
      baseUrl: config.apiUrl,
      apiKey: config.apiKey,
      requestTimeoutMs: config.requestTimeoutMs,
      signal: runEnd.signal,
      dispatcher,
      debug: (line) => core.debug(line),
    },
    config.pipelineName,
  );
  let outcome: Outcome;
  try {
    outcome = await startPipeline(client, config, progress, runEnd.signal, {
      info: (line) => core.info(line),
      warning: (line) => core.warning(line),
    });
  } catch (error) {
    outcome = failureOf(error, config, progress);
  } finally {
    runEnd.dispose();
    // Sockets left open would keep the process, and a cancelled run, alive.
    await dispatcher.destroy().catch(() => undefined);
  }
  await report(outcome, progress, config, pipelineUrl);
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

async function report(outcome: Outcome, progress: Progress, config: Config | undefined, pipelineUrl: string): Promise<void> {
  const values = outputValues(outcome, progress, pipelineUrl);
  for (const name of OUTPUT_NAMES) core.setOutput(name, values[name]);

  const name = config?.pipelineName ?? core.getInput('pipeline-name');
  const elapsed = formatDuration(progress.elapsedMs());
  switch (outcome.result) {
    case 'reached':
      core.info(`Pipeline ${name} is ${progress.last?.deployment_status} after ${elapsed}.`);
      break;
    case 'accepted':
      core.info(`Pipeline ${name} is starting (${progress.last?.deployment_status}); not waiting for it (wait: false).`);
      break;
    case 'awaiting-approval':
      core.warning(
        `Pipeline ${name} is AwaitingApproval: its program or connectors changed since its checkpoint. ` +
          `Approve the changes in the Feldera console (${pipelineUrl}), with \`fda approve ${name}\`, ` +
          'or run this action again with auto-approve: true.',
        { title: `Feldera pipeline ${name} awaits approval` },
      );
      break;
    case 'failed':
      core.error(outcome.hint ? `${outcome.message} Hint: ${outcome.hint}` : outcome.message, {
        title: `Feldera pipeline ${name || '(no name)'} did not start`,
      });
      process.exitCode = core.ExitCode.Failure;
      break;
  }

  if (config && process.env.GITHUB_STEP_SUMMARY) {
    // The summary is extra: failing to write it must not hide the real result.
    const markdown = summaryMarkdown({ pipelineName: name, pipelineUrl, target: targetStatus(config.initial), outcome, progress });
    await core.summary
      .addRaw(markdown)
      .write()
      .catch((error: unknown) => core.warning(`Could not write the job summary: ${String(error)}`));
  }
}
