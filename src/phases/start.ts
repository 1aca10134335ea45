import { converge, type Converged } from './converge.ts';
import type { Failure } from '../model/outcome.ts';
import { watcher } from './wait.ts';
import { setupRetry, type PhaseContext } from './phase.ts';

/** How the start phase ended: what it did, and the failure that ended it, if any. */
export interface StartResult {
  converged: Converged;
  failure: Failure | undefined;
}

/**
 * Gets the pipeline to `initial` from wherever it is (converge.ts): the one call that moves it, once
 * accepted. Never throws: an error ends it with its failure, beside what it did until then.
 */
export async function startPipeline(
  context: PhaseContext,
  /** Told when Feldera accepted the start: from then on, the pipeline is this step's to clean up. */
  onAccepted: () => void,
): Promise<StartResult> {
  const { client, config, progress, log, signal } = context;
  const converged: Converged = {
    found: undefined,
    decidedOn: undefined,
    transition: undefined,
    startAccepted: false,
    move: undefined,
  };
  const setup = setupRetry(progress, log);
  log.group(`Starting pipeline ${client.pipelineName}`);
  try {
    const watch = watcher(client, progress, config.pollIntervalMs, signal, log);
    const failure = await converge({ client, config, progress, log, setup, watch, onAccepted }, converged);
    if (failure) return { converged, failure };
  } catch (error) {
    return { converged, failure: context.fail(error) };
  }
  if (converged.transition === 'start') {
    const flags = [
      config.silentBootstrap && 'silent-bootstrap',
      config.concurrentBootstrap && 'concurrent-bootstrap',
    ].filter(Boolean);
    const policy = config.reloadableTables
      ? 'allow, sent as await_approval to check the tables it reloads against reloadable-tables'
      : config.bootstrapPolicy;
    log.info(
      `Start accepted: initial ${config.initial}, bootstrap-policy ${policy}${flags.map((flag) => `, ${flag}`).join('')}.`,
    );
  }
  return { converged, failure: undefined };
}
