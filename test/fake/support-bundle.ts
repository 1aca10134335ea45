// `GET /support_bundle` (api/endpoints/pipeline_interaction/support_bundle.rs, api/support_data_collector.rs):
// a ZIP with a folder per collection, named by its time, holding the parts the query asks for (each
// `true` by default, `part=false` leaves it out), and `metadata.txt` / `metadata.json` at its root.
import type { ServerResponse } from 'node:http';
import { CONTROLLER_STATUSES, type FakeState, type Pipeline, type Send } from './pipeline.ts';
import { zip, type ZipEntry } from './zip.ts';

/** Each part's query parameter and the files it adds, in push_to_zip's order. */
export const BUNDLE_PARTS: Record<string, string[]> = {
  circuit_profile: ['circuit_profile.zip', 'circuit_profile.json'],
  heap_profile: ['heap_profile.pb.gz'],
  metrics: ['metrics.txt'],
  logs: ['logs.txt'],
  stats: ['stats.json'],
  pipeline_config: ['pipeline_config.json'],
  system_config: ['system_config.json'],
  dataflow_graph: ['dataflow_graph.json'],
  pipeline_events: ['pipeline_events.json'],
};
/** What the manager keeps itself; the rest is asked of the pipeline process, which a stopped pipeline has not. */
const STORED_PARTS = new Set(['pipeline_config', 'system_config', 'pipeline_events']);

/** Serves the bundle, and keeps its bytes in `fake.bundles` for the tests to compare with what was uploaded. */
export function supportBundle(
  fake: FakeState,
  pipeline: Pipeline,
  query: Record<string, string>,
  response: ServerResponse,
  send: Send,
): void {
  const flags: Record<string, boolean> = {};
  for (const name of ['collect', ...Object.keys(BUNDLE_PARTS)]) {
    const value = query[name];
    if (value !== undefined && value !== 'true' && value !== 'false') {
      return send(400, 'Query deserialize error: provided string was not `true` or `false`', {
        raw: true,
        contentType: 'text/plain; charset=utf-8',
      });
    }
    flags[name] = value !== 'false';
  }
  if (query.limit === '0') {
    const reason = 'limit must be at least 1 when provided; omit it to return all retained collections';
    return send(400, {
      message: `Invalid support bundle parameter: ${reason}`,
      error_code: 'InvalidSupportBundleParameter',
      details: { reason },
    });
  }
  const running = CONTROLLER_STATUSES.has(pipeline.deploymentStatus);
  const time = new Date();
  const directory = time.toISOString().replaceAll(':', '-');
  const collected: string[] = [];
  const failed: { file: string; reason: string }[] = [];
  const skipped: string[] = [];
  const entries: ZipEntry[] = [];
  for (const [part, files] of Object.entries(BUNDLE_PARTS)) {
    if (!flags[part]) {
      skipped.push(...files);
      continue;
    }
    for (const file of files) {
      if (!running && !STORED_PARTS.has(part)) {
        failed.push({ file, reason: `Pipeline ${pipeline.script.name} is not deployed` });
        continue;
      }
      collected.push(file);
      entries.push({
        name: `${directory}/${file}`,
        data: Buffer.from(`${part} of ${pipeline.script.name} (${fake.options.version ?? '0.337.0'})\n`),
      });
    }
  }
  const metadata = {
    metadata_version: 1,
    requested_at: time.toISOString(),
    pipeline: { name: pipeline.script.name, status: pipeline.deploymentStatus, status_since: pipeline.since },
    collections: [{ directory, time: time.toISOString(), data_version: 5, collected, failed, skipped }],
  };
  entries.push({
    name: 'metadata.txt',
    data: Buffer.from(`\n# Support Bundle Table of Contents\n\nPipeline: ${pipeline.script.name}\n`),
  });
  entries.push({ name: 'metadata.json', data: Buffer.from(JSON.stringify(metadata, null, 2)) });
  const bundle = zip(entries);
  response.writeHead(200, {
    'content-type': 'application/zip',
    'content-disposition': `attachment; filename="${pipeline.script.name}-support-bundle.zip"`,
    'content-length': String(bundle.length),
  });
  response.end(bundle);
  fake.bundles.push(bundle);
}
