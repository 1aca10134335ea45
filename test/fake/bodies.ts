// The bodies of the answers that describe: a pipeline (`GET /v0/pipelines/{name}`) and the build
// (`GET /v0/config`), in 0.337's shapes or 0.375's.
import { answersAsNewest, pipelineDiff } from '../fixtures.ts';
import { CONTROLLER_STATUSES, desired, edition, reported, version, type FakeState, type Pipeline } from './pipeline.ts';
import { connectorErrors } from './stats.ts';

/** `deployment_runtime_status_details`, in the shapes of runner/pipeline_automata.rs and adapters/src/server.rs. */
export function runtimeDetails(pipeline: Pipeline): unknown {
  const status = reported(pipeline);
  if (status === 'AwaitingApproval') {
    if (pipeline.approvalDiff) return { approval_diff: pipeline.approvalDiff };
    const approval = pipeline.script.approvalDiff;
    if (approval?.legacy) return approval.diff;
    return { approval_diff: approval?.diff ?? pipelineDiff() };
  }
  if (pipeline.runnerReason) return { reason: pipeline.runnerReason };
  if (CONTROLLER_STATUSES.has(status)) return { connector_stats: { num_errors: connectorErrors(pipeline) } };
  return {};
}

/** `GET /v0/pipelines/{name}`: the fields of openapi.json's PipelineSelectedInfo for the selector. */
export function statusBody(fake: FakeState, pipeline: Pipeline, selector: string): Record<string, unknown> {
  const status = reported(pipeline);
  const resources = status === 'Stopped' || status === 'Provisioning' || status === 'Stopping' ? status : 'Provisioned';
  const provisioned = resources === 'Provisioned';
  const body: Record<string, unknown> = {
    id: pipeline.id,
    name: pipeline.script.name,
    description: pipeline.description,
    tags: pipeline.tags,
    created_at: pipeline.createdAt,
    version: pipeline.version,
    platform_version: version(fake),
    program_config: pipeline.stored.program_config,
    program_version: pipeline.programVersion,
    program_status: pipeline.programStatus,
    program_status_since: pipeline.programSince,
    deployment_error: pipeline.error,
    refresh_version: pipeline.refreshVersion,
    storage_status: pipeline.storage,
    storage_status_details: null,
    deployment_id: pipeline.deploymentId,
    deployment_initial: pipeline.initial,
    deployment_status: status,
    deployment_status_since: pipeline.since,
    deployment_desired_status: desired(pipeline),
    deployment_desired_status_since: pipeline.since,
    deployment_resources_status: resources,
    deployment_resources_status_since: pipeline.since,
    deployment_resources_desired_status: pipeline.resourcesDesired,
    deployment_resources_desired_status_since: pipeline.since,
    deployment_runtime_status: provisioned ? status : null,
    deployment_runtime_status_details: provisioned ? runtimeDetails(pipeline) : null,
    deployment_runtime_status_since: provisioned ? pipeline.since : null,
    deployment_runtime_desired_status: provisioned ? (pipeline.runtimeDesired ?? pipeline.initial) : null,
    deployment_runtime_desired_status_since: provisioned ? pipeline.since : null,
    bootstrap_policy: pipeline.bootstrap?.bootstrap_policy ?? null,
    silent_bootstrap: pipeline.bootstrap?.silent_bootstrap ?? false,
    concurrent_bootstrap: pipeline.bootstrap?.concurrent_bootstrap ?? false,
  };
  // Only while the manager can reach the pipeline; absent, not null, otherwise.
  if (selector === 'status_with_connectors' && CONTROLLER_STATUSES.has(status))
    body.connectors = { num_errors: connectorErrors(pipeline) };
  if (selector === 'all') {
    // The stored program and configurations, in `all` only (pipeline_management.rs PipelineSelectedInfoInternal::new_all).
    body.runtime_config = pipeline.stored.runtime_config;
    body.program_code = pipeline.stored.program_code;
    body.udf_rust = pipeline.stored.udf_rust;
    body.udf_toml = pipeline.stored.udf_toml;
    body.program_error = pipeline.programError ??
      pipeline.script.programError ?? {
        sql_compilation: null,
        rust_compilation: null,
        system_error: null,
      };
    body.program_info = null;
    body.deployment_resources_status_details = null;
    // 0.375: the CPU and memory a running pipeline was resized to (PATCH, behind --enable-pipeline-resize),
    // null until then; beside runtime_config, whose resources it overrides, so in `all` only.
    if (answersAsNewest(version(fake))) body.deployment_config = null;
  }
  return body;
}

/** `Configuration` (api/endpoints/config.rs), as a build without a license check or telemetry gives it. */
export function configuration(fake: FakeState): Record<string, unknown> {
  const platform = version(fake);
  const enterprise = edition(fake) === 'Enterprise';
  return {
    posthog: '',
    conceptualhq: '',
    product_fruits: '',
    edition: edition(fake),
    version: platform,
    revision: '5c7931d09fc37e0976143e50a81169dbd98ec0cc',
    runtime_revision: '5c7931d09fc37e0976143e50a81169dbd98ec0cc',
    unstable_features: null,
    changelog_url: enterprise
      ? 'https://docs.feldera.com/changelog/'
      : `https://github.com/feldera/feldera/releases/tag/v${platform}`,
    license_validity: null,
    update_info: null,
    build_info: {
      build_timestamp: '2026-08-21T23:30:48.000000000Z',
      build_cpu: 'AMD EPYC 7763 64-Core Processor',
      build_os: 'Linux 24.04 Ubuntu',
      cargo_dependencies: '',
      cargo_features: enterprise ? 'feldera-enterprise' : '',
      cargo_debug: 'false',
      cargo_opt_level: '3',
      cargo_target_triple: 'x86_64-unknown-linux-gnu',
      rustc_version: '1.89.0',
    },
    build_source: 'ci',
    // 0.375: whether pipelines may have Rust UDFs; the manager's default allows them.
    ...(answersAsNewest(platform) ? { allow_rust_udfs: true } : {}),
  };
}
