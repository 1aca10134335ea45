import * as core from '@actions/core';
import { connect, type Connection } from './connection/connection.ts';
import { describePlatform, readPlatform } from './feldera/platform.ts';
import { StatusList } from './feldera/status-list.ts';
import { InputError, readConfig, type Config } from './model/inputs.ts';
import { targetStatus } from './model/lifecycle.ts';
import { info, stepLog } from './log/log.ts';
import { internalError, type Outcome } from './model/outcome.ts';
import { PhaseLog, PrefixedLog } from './log/phase-log.ts';
import { heartbeatLine, runPipeline, type RunContext } from './phases/pipeline-run.ts';
import { PipelineRun, recordOf, unnamedRun } from './phases/run.ts';
import { statedOutcome } from './report/statement.ts';
import { planPipeline } from './phases/plan.ts';
import { readPrograms } from './phases/programs.ts';
import { POST_STATE, STARTED_STATE } from './report/state.ts';
import { publicBundleWarning } from './phases/support-bundle.ts';
import { HEARTBEAT_MS } from './model/progress.ts';
import type { ReportFacts } from './report/facts.ts';
import { cancellation, runEnd, type Cancellation } from './cancellation.ts';
import { lastWord } from './report/last-word.ts';
import { formatDuration } from './text/text.ts';

/** Above this many pipelines, one list of all statuses per poll-interval costs fewer requests than one read each. */
const LIST_STATUSES_ABOVE = 10;

/**
 * Runs the step and returns how it ended; the caller fails the process on a failure. `cancel` is the
 * runner's, installed by the entry before anything loaded (@github/local-action gives none).
 */
export async function run(cancel: Cancellation = cancellation()): Promise<Outcome> {
  // The runner runs this bundle again as the post step (action.yml runs.post): it tells by this state.
  core.saveState(POST_STATE, 'true');
  const startedAt = performance.now();
  const facts: ReportFacts = {
    config: undefined,
    runs: [],
    credential: 'none chosen',
    planning: false,
    platform: undefined,
    elapsedMs: () => performance.now() - startedAt,
  };
  let reported = false;
  // Whatever still holds the step when a cancel's deadline comes, a short report is its word.
  cancel.atDeadline(() => {
    if (!reported) lastWord(facts, cancel.signal);
  });
  try {
    await startAll(facts, cancel.signal);
  } catch (error) {
    // Whatever went wrong, the step still ends with its outputs, its summary and an annotation.
    const outcome: Outcome =
      error instanceof InputError
        ? { result: 'failed', code: 'InvalidInput', message: error.message }
        : internalError(error);
    if (!facts.config) facts.planning = /^true$/i.test(core.getInput('plan').trim());
    if (facts.runs.length === 0) facts.runs.push(unnamedRun(core.getInput('pipeline-name'), cancel.signal));
    for (const run of facts.runs) if (!run.record) run.end(recordOf(outcome));
  }
  // A cancel from here on came while the step reported.
  for (const run of facts.runs) run.phase('reporting', () => undefined);
  try {
    const { report } = await reportCode();
    // Synchronous: a cancel either came before, and the report says so, or is too late to change it.
    report(facts);
  } catch (error) {
    // The report itself failed: still the error code and an annotation.
    core.setOutput('error-code', 'InternalError');
    core.error(internalError(error).message, { title: 'Feldera start-pipeline could not report' });
    return internalError(error);
  } finally {
    reported = true;
  }
  const outcomes = facts.runs.map((run) => statedOutcome(run, facts.platform));
  return outcomes.find((outcome) => outcome.result === 'failed') ?? outcomes[0] ?? internalError('no pipeline was run');
}

let reportModule: Promise<typeof import('./report/report.ts')> | undefined;

/** The report's code, loading from the first call: once the first request is on its way, or at the latest to report. */
function reportCode(): Promise<typeof import('./report/report.ts')> {
  if (!reportModule) {
    reportModule = import('./report/report.ts');
    // A failure to load is reported where the report is awaited, not as an unhandled rejection meanwhile.
    reportModule.catch(() => undefined);
  }
  return reportModule;
}

/** Reads the inputs, then runs every pipeline side by side under the one budget, into `facts`. */
async function startAll(facts: ReportFacts, cancelled: AbortSignal): Promise<void> {
  const read = readConfig({
    getInput: (name) => core.getInput(name),
    env: process.env,
    onSecret: (secret) => core.setSecret(secret),
  });
  const config = read.config;
  facts.config = config;
  facts.planning = config.plan;
  for (const warning of read.warnings) core.warning(warning, { title: 'Feldera start-pipeline input' });
  const exposed = publicBundleWarning(config, process.env);
  if (exposed) core.warning(exposed, { title: 'Support bundle of a public repository' });

  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  const programs = config.plan || config.updateProgram ? readPrograms(config, workspace) : undefined;

  const several = config.pipelineNames.length > 1;
  // One pipeline logs in phases; several log flat, each line behind its pipeline's name.
  facts.runs = config.pipelineNames.map((name) => {
    const run = new PipelineRun(
      name,
      config.apiUrl,
      several ? new PrefixedLog(stepLog, name) : new PhaseLog(stepLog),
      !several,
    );
    run.listen(cancelled);
    return run;
  });
  for (const run of facts.runs) {
    run.log.info(
      `${config.plan ? 'Planning' : 'Starting'} Feldera pipeline ${run.name}${config.plan ? '' : ` towards ${targetStatus(config.initial)}`}: ${run.pipelineUrl}`,
    );
  }
  const end = runEnd(config.timeoutMs, formatDuration(config.timeoutMs), cancelled);
  const heartbeat = several
    ? setInterval(() => info(heartbeatLine(facts.runs, facts.elapsedMs())), HEARTBEAT_MS)
    : undefined;
  let connection: Connection | undefined;
  try {
    connection = connect(config, end.signal);
    facts.credential = connection.auth.describe();
    // Beside the first requests, never waited for: the report uses it if it came in time.
    void readPlatform(connection.http).then((answer) => {
      facts.platform = answer;
      if (answer) core.debug(`Feldera ${describePlatform(answer)}`);
    });
    // Nothing of the report is needed before the first request: it loads beside the requests, not after the outcome.
    void reportCode();
    const context: RunContext = {
      config,
      http: connection.http,
      auth: connection.auth,
      end,
      statuses:
        config.pipelineNames.length > LIST_STATUSES_ABOVE
          ? new StatusList(connection.http, listAge(config), config.pipelineNames)
          : undefined,
      platform: () => facts.platform,
      accepted: startedBy(config),
      stated: (run) => statedOutcome(run, facts.platform),
    };
    await Promise.all(
      facts.runs.map((run) =>
        config.plan
          ? planPipeline(run, context, programs?.get(run.name)?.program_code ?? '')
          : runPipeline(run, context, programs?.get(run.name)),
      ),
    );
    facts.credential = connection.auth.describe();
  } finally {
    clearInterval(heartbeat);
    end.dispose();
    await connection?.close();
  }
}

/** A list younger than most of a poll-interval serves every run that asks in that interval. */
function listAge(config: Config): number {
  return config.pollIntervalMs * 0.9;
}

/** Keeps the names of the pipelines whose start Feldera accepted in the step's state, for the post step: never a secret. */
function startedBy(config: Config): (name: string) => void {
  const started = new Set<string>();
  return (name) => {
    started.add(name);
    core.saveState(STARTED_STATE, JSON.stringify(config.pipelineNames.filter((pipeline) => started.has(pipeline))));
  };
}
