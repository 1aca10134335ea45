// The manager's routes: which endpoint a request is, its query's flags, and the answer, in the order
// Feldera's handlers check (api/endpoints/*.rs).
import type { ServerResponse } from 'node:http';
import { answersAsNewest } from '../fixtures.ts';
import { refusal } from './auth.ts';
import { configuration, statusBody } from './bodies.ts';
import { events, servesEvents } from './events.ts';
import { logs } from './logs.ts';
import { afterRead, approve, dismissError, notInteractive, start, stopRequest, transition } from './moves.ts';
import { edition, INITIALS, prefix, reported, version, type FakeState, type Send } from './pipeline.ts';
import { countReadAtTarget, served } from './runner.ts';
import { stats } from './stats.ts';
import { supportBundle } from './support-bundle.ts';
import { diff, servesDiff } from './diff.ts';
import { update } from './update.ts';
import type { Endpoint, FakeRequest } from './types.ts';

/** `RuntimeDesiredStatus` in snake case, as `/activate?initial=` takes it. */
const RUNTIME_DESIRED = new Set(['unavailable', 'coordination', 'standby', 'paused', 'running', 'suspended']);
const POLICIES = new Set(['allow', 'reject', 'await_approval']);

/** The answer Feldera would give; `send` writes it and records it. */
export function answer(
  fake: FakeState,
  endpoint: Endpoint | undefined,
  request: FakeRequest,
  response: ServerResponse,
  send: Send,
): void {
  const api = request.path.startsWith(`${prefix(fake)}/v0/`);
  // Only /v0 is behind the auth layer; elsewhere the web console's files are (api/main.rs).
  if (api && refusal(fake, request, send)) return;
  if (endpoint === 'config') return send(200, configuration(fake));
  // `GET /v0/pipelines?selector=…`: every pipeline, each as `GET /v0/pipelines/{name}` gives it (pipeline_management.rs list_pipelines).
  if (endpoint === 'list') {
    const pipelines = [...fake.pipelines.values()];
    send(
      200,
      pipelines.map((pipeline) => statusBody(fake, pipeline, request.query.selector ?? 'all')),
    );
    for (const pipeline of pipelines) {
      afterRead(fake, pipeline);
      served(fake, pipeline);
    }
    return;
  }
  // Query parameters are parsed before the handler runs: a bad one is actix's plain-text 400.
  const flags = parseFlags(request.query, endpoint, version(fake));
  if (typeof flags === 'string')
    return send(400, `Query deserialize error: ${flags}`, { raw: true, contentType: 'text/plain; charset=utf-8' });
  if (endpoint === 'start' || endpoint === 'approve') {
    if (flags.silent_bootstrap && flags.concurrent_bootstrap) {
      const reason = '`silent_bootstrap` and `concurrent_bootstrap` are mutually exclusive; set at most one';
      return send(400, {
        message: `Invalid bootstrap configuration: ${reason}`,
        error_code: 'InvalidBootstrapConfig',
        details: { reason },
      });
    }
  }
  if (endpoint === 'start' && !INITIALS[request.query.initial ?? 'running']) {
    const initial = request.query.initial;
    return send(405, {
      message: `Unsupported pipeline action '/start?initial=${initial}': unknown initial runtime desired status: ${initial}`,
      error_code: 'UnsupportedPipelineAction',
      details: { action: `/start?initial=${initial}`, reason: `unknown initial runtime desired status: ${initial}` },
    });
  }
  // `ActivateParams` is parsed before the handler runs, as snake_case RuntimeDesiredStatus (feldera-types query_params.rs).
  if (endpoint === 'activate' && request.query.initial !== undefined && !RUNTIME_DESIRED.has(request.query.initial)) {
    const expected = [...RUNTIME_DESIRED].map((value) => `\`${value}\``).join(', ');
    return send(
      400,
      `Query deserialize error: unknown variant \`${request.query.initial}\`, expected one of ${expected}`,
      {
        raw: true,
        contentType: 'text/plain; charset=utf-8',
      },
    );
  }
  // Without the enterprise feature, /activate refuses before it looks the pipeline up (api/endpoints/pipeline_interaction.rs).
  if (endpoint === 'activate' && edition(fake) === 'Open source') {
    return send(501, {
      message: 'Cannot use enterprise-only feature (start from object store (S3)) in Feldera community edition.',
      error_code: 'EnterpriseFeature',
      details: { feature: 'start from object store (S3)' },
    });
  }
  // The open-source build refuses before it looks the pipeline up (api/endpoints/pipeline_management.rs).
  if (endpoint === 'stop' && !flags.force && edition(fake) === 'Open source') {
    return send(501, {
      message: 'Cannot use enterprise-only feature (stop?force=false) in Feldera community edition.',
      error_code: 'EnterpriseFeature',
      details: { feature: 'stop?force=false' },
    });
  }
  // A version before the route has no handler to look the pipeline up: actix's empty 404.
  if (endpoint === 'diff' && !servesDiff(fake)) return send(404, '', { raw: true, contentType: 'text/plain' });
  if (endpoint === 'events' && !servesEvents(fake, version(fake)))
    return send(404, '', { raw: true, contentType: 'text/plain' });
  // The selector is deserialized before the handler looks the pipeline up: an unknown one is actix's plain-text 400.
  if (
    endpoint === 'events' &&
    request.query.selector !== undefined &&
    request.query.selector !== 'status' &&
    request.query.selector !== 'all'
  ) {
    return send(
      400,
      `Query deserialize error: unknown variant \`${request.query.selector}\`, expected \`all\` or \`status\``,
      {
        raw: true,
        contentType: 'text/plain; charset=utf-8',
      },
    );
  }
  const name = decodeURIComponent(pipelinePath(request.path, prefix(fake))?.[0] ?? '');
  // The body is deserialized before the handler looks the pipeline up; PUT creates an unknown one.
  if (endpoint === 'patch' || endpoint === 'put')
    return update(fake, endpoint === 'put', name, request.body ?? '', send);
  const pipeline = fake.pipelines.get(name);
  // Every route of a pipeline looks it up first; a path no route matches is actix's empty 404.
  if (!pipeline && pipelinePath(request.path, prefix(fake))) {
    return send(404, {
      message: `Unknown pipeline name '${name}'`,
      error_code: 'UnknownPipelineName',
      details: { pipeline_name: name },
    });
  }
  if (!endpoint || !pipeline) return send(404, '', { raw: true, contentType: 'text/plain' });
  switch (endpoint) {
    case 'status': {
      send(200, statusBody(fake, pipeline, request.query.selector ?? 'all'));
      // The crash comes after this read is served: the next read sees its stop under way.
      const shown = reported(pipeline) === pipeline.deploymentStatus;
      afterRead(fake, pipeline);
      served(fake, pipeline);
      return countReadAtTarget(fake, pipeline, shown);
    }
    case 'dismiss_error':
      return dismissError(pipeline, send);
    case 'start':
      return start(fake, pipeline, request.query, flags, send);
    case 'stop':
      return stopRequest(fake, pipeline, flags.force === true, send);
    case 'approve':
      return approve(fake, pipeline, send);
    case 'pause':
      return transition(fake, pipeline, 'pause', 'Paused', send);
    case 'resume':
      // The manager forwards /resume as the pipeline's `/start`, for backward compatibility.
      return transition(fake, pipeline, 'start', 'Running', send);
    case 'activate': {
      // Forwarded first; the pipeline's own handler then takes running or paused only.
      if (notInteractive(pipeline, send)) return;
      const value = request.query.initial ?? 'running';
      const initial = value.charAt(0).toUpperCase() + value.slice(1);
      if (initial !== 'Running' && initial !== 'Paused') {
        return send(400, {
          message: `Invalid activation status ${initial} (only running and paused are valid)`,
          error_code: 'InvalidActivateStatus',
          details: initial,
        });
      }
      return transition(fake, pipeline, 'activate', initial, send);
    }
    case 'logs':
      return logs(fake, pipeline, flags, response);
    case 'stats':
      return stats(fake, pipeline, send);
    case 'support_bundle':
      return supportBundle(fake, pipeline, request.query, response, send);
    case 'diff':
      return diff(fake, pipeline, request.body ?? '', send);
    case 'events':
      return events(pipeline, request.query.selector ?? 'status', send);
  }
}

/** The boolean query parameters of an endpoint, parsed as serde does: exactly `true` or `false`. */
export interface Flags {
  silent_bootstrap?: boolean;
  concurrent_bootstrap?: boolean;
  dismiss_error?: boolean;
  force?: boolean;
  follow?: boolean;
}

const FLAGS: Partial<Record<Endpoint, (keyof Flags)[]>> = {
  start: ['silent_bootstrap', 'concurrent_bootstrap', 'dismiss_error'],
  approve: ['silent_bootstrap', 'concurrent_bootstrap'],
  stop: ['force'],
};

/** The flags, or why the query does not deserialize (actix answers that as plain text). */
export function parseFlags(
  query: Record<string, string>,
  endpoint: Endpoint | undefined,
  version: string,
): Flags | string {
  const flags: Flags = {};
  const names =
    endpoint === 'logs' ? (answersAsNewest(version) ? (['follow'] as const) : []) : (FLAGS[endpoint!] ?? []);
  for (const name of names) {
    const value = query[name];
    if (value === undefined) continue;
    if (value !== 'true' && value !== 'false') return 'provided string was not `true` or `false`';
    flags[name] = value === 'true';
  }
  if (endpoint === 'start' && query.bootstrap_policy !== undefined && !POLICIES.has(query.bootstrap_policy)) {
    return `unknown variant \`${query.bootstrap_policy}\`, expected one of \`allow\`, \`reject\`, \`await_approval\``;
  }
  return flags;
}

/** `[name, ...rest]` of a path under `/v0/pipelines/{name}`, or undefined. */
export function pipelinePath(path: string, prefix: string): string[] | undefined {
  if (!path.startsWith(`${prefix}/v0/pipelines/`)) return undefined;
  const parts = path.slice(`${prefix}/v0/pipelines/`.length).split('/');
  return parts[0] ? parts : undefined;
}

export function endpointOf(method: string, path: string, prefix: string): Endpoint | undefined {
  if (method === 'GET' && path === `${prefix}/v0/config`) return 'config';
  if (method === 'GET' && path === `${prefix}/v0/pipelines`) return 'list';
  const parts = pipelinePath(path, prefix);
  if (!parts) return undefined;
  if (parts.length === 1 && method === 'GET') return 'status';
  if (parts.length === 1 && method === 'PATCH') return 'patch';
  if (parts.length === 1 && method === 'PUT') return 'put';
  const action = parts[1];
  if (
    parts.length === 2 &&
    method === 'POST' &&
    (action === 'start' || action === 'stop' || action === 'approve' || action === 'dismiss_error')
  ) {
    return action;
  }
  if (
    parts.length === 2 &&
    method === 'POST' &&
    (action === 'pause' || action === 'resume' || action === 'activate' || action === 'diff')
  )
    return action;
  if (
    parts.length === 2 &&
    method === 'GET' &&
    (action === 'logs' || action === 'stats' || action === 'support_bundle' || action === 'events')
  )
    return action;
  return undefined;
}
