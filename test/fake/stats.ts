// `GET /stats`: the pipeline process's statistics, its connectors played from their scripts.
import { answersAsNewest, connectorError, controllerStatusBody, inputEndpoint, outputEndpoint } from '../fixtures.ts';
import {
  CONTROLLER_STATUSES,
  desired,
  reported,
  version,
  type FakeState,
  type Pipeline,
  type Send,
} from './pipeline.ts';
import type { ConnectorScript, ConnectorState } from './types.ts';

/**
 * `ControllerStatus`, from the pipeline process: the manager answers 503 while there is none
 * (runner/interaction.rs), the process 503 while it initializes or awaits approval (adapters/src/server.rs).
 */
export function stats(fake: FakeState, pipeline: Pipeline, send: Send): void {
  const status = reported(pipeline);
  const name = pipeline.script.name;
  if (!CONTROLLER_STATUSES.has(status)) {
    const early = status === 'Initializing' || status === 'AwaitingApproval';
    return send(
      503,
      early
        ? {
            message: `The pipeline is ${status === 'Initializing' ? 'initializing' : 'awaiting approval'}`,
            error_code: status,
            details: null,
          }
        : {
            message: `Unable to interact with pipeline ${name} because the deployment status (${status}) indicates it is not (yet) fully provisioned`,
            error_code: 'PipelineInteractionNotDeployed',
            details: { pipeline_name: name, status, desired_status: desired(pipeline) },
          },
      { headers: early ? {} : { 'retry-after': '5' } },
    );
  }
  pipeline.statsReads++;
  const endpoints = connectorStates(pipeline);
  const bootstrapping = status === 'Bootstrapping';
  const newest = answersAsNewest(version(fake));
  send(
    200,
    controllerStatusBody({
      version: version(fake),
      global: {
        state: status === 'Paused' ? 'Paused' : 'Running',
        bootstrap_in_progress: bootstrapping,
        commit_progress: bootstrapping ? (pipeline.script.commitProgress ?? null) : null,
      },
      inputs: endpoints
        .filter(({ script }) => script.direction === 'input')
        .map(({ script, state }) =>
          inputEndpoint(script.name, script.stream, {
            metrics: { total_records: state.records ?? 0, num_transport_errors: state.errors ?? 0 },
            transport_errors: state.error ? [connectorError(state.error, state.errors ?? 1)] : [],
            fatal_error: state.fatalError ?? null,
            health: state.health ?? null,
            paused: state.paused ?? status === 'Paused',
          }),
        ),
      outputs: endpoints
        .filter(({ script }) => script.direction === 'output')
        .map(({ script, state }) =>
          outputEndpoint(script.name, script.stream, {
            metrics: { transmitted_records: state.records ?? 0, num_transport_errors: state.errors ?? 0 },
            transport_errors: state.error ? [connectorError(state.error, state.errors ?? 1)] : [],
            fatal_error: state.fatalError ?? null,
            health: state.health ?? null,
            // Outputs can be paused since 0.375; before, the field does not exist.
            ...(newest ? { paused: state.paused ?? false } : {}),
          }),
        ),
    }),
  );
}

/** Each scripted endpoint with the state it is in now. */
export function connectorStates(pipeline: Pipeline): { script: ConnectorScript; state: ConnectorState }[] {
  const since = pipeline.reachedAt === undefined ? 0 : performance.now() - pipeline.reachedAt;
  const come = (state: ConnectorState) =>
    state.read === undefined ? (state.at ?? 0) <= since : pipeline.statsReads >= state.read;
  return (pipeline.script.connectors ?? []).map((script) => ({
    script,
    state: Object.assign({}, ...(script.states ?? []).filter(come)) as ConnectorState,
  }));
}

export function connectorErrors(pipeline: Pipeline): number {
  return connectorStates(pipeline).reduce((sum, { state }) => sum + (state.errors ?? 0), 0);
}
