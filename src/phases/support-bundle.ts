import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ownBudget, endedBy, raceAbort } from '../feldera/abortable.ts';
import type { PipelineClient } from '../feldera/client.ts';
import { BundleProblem } from '../feldera/support-bundle.ts';
import { SUPPORT_BUNDLE_PARTS, type Config } from '../model/inputs.ts';
import type { Outcome } from '../model/outcome.ts';
import type { RunLog } from '../log/phase-log.ts';
import { formatDuration, messageOf, serverText } from '../text/text.ts';

/** What a support bundle may take: Feldera's own profiles alone may be 300 MB, a runner's disk and upload less. */
const BUNDLE_MAX_BYTES = 200e6;
/** The download, Feldera's collection included, and the upload each have a budget of their own, like the follow-up reads. */
const BUNDLE_DOWNLOAD_MS = 60_000;
const BUNDLE_UPLOAD_MS = 60_000;

/** The parts that hold configuration: the connectors' settings, their secrets among them. */
const CONFIGURATION_PARTS = ['pipeline_config', 'system_config'] as const;

/** The support bundle of one run: uploaded, written to a file (outside GitHub), or why not. */
export interface SupportBundle {
  name: string;
  artifactId?: string;
  /** The artifact's page in the run. */
  url?: string;
  /** Where the bundle was written, outside GitHub. */
  path?: string;
  /** Why there is none: a warning. */
  problem?: string;
}

/** `on-failure` takes the bundle of a failed run only; a cancel takes none. */
export function wantsBundle(config: Config, outcome: Outcome): boolean {
  if (outcome.result === 'failed' && outcome.code === 'Cancelled') return false;
  return config.supportBundle === 'always' || (config.supportBundle === 'on-failure' && outcome.result === 'failed');
}

/** `feldera-support-<pipeline>-<run id>-<attempt>`: unique in the run, whatever the job. */
export function artifactName(pipeline: string, env: Record<string, string | undefined>): string {
  return `feldera-support-${pipeline}-${env.GITHUB_RUN_ID ?? 'local'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`;
}

/** A public repository whose bundles hold the configuration: anyone at all can download the connectors' secrets. */
export function publicBundleWarning(config: Config, env: Record<string, string | undefined>): string | undefined {
  if (config.supportBundle === 'never') return undefined;
  const parts = config.supportBundleParts ?? SUPPORT_BUNDLE_PARTS;
  const exposed = CONFIGURATION_PARTS.filter((part) => parts.includes(part));
  if (exposed.length === 0 || !isPublicRepository(env.GITHUB_EVENT_PATH)) return undefined;
  return (
    `support-bundle: ${config.supportBundle} uploads ${exposed.join(' and ')} in a public repository: anyone can download the artifact, ` +
    `and the configuration can hold the connectors' secrets. Leave ${exposed.join(' and ')} out of support-bundle-parts, or set support-bundle: never.`
  );
}

function isPublicRepository(eventPath: string | undefined): boolean {
  if (!eventPath) return false;
  try {
    const event = JSON.parse(readFileSync(eventPath, 'utf8')) as { repository?: { private?: unknown } };
    return event.repository?.private === false;
  } catch {
    return false;
  }
}

/**
 * Downloads the pipeline's support bundle to a file and uploads it as an artifact, or, outside GitHub
 * (no ACTIONS_RUNTIME_TOKEN), leaves the file and says where. Never throws: a problem is a warning;
 * undefined at a cancel, which skips it.
 */
export async function collectSupportBundle(
  client: PipelineClient,
  config: Config,
  cancelled: AbortSignal,
  log: RunLog,
  env: Record<string, string | undefined> = process.env,
  budget: { downloadMs: number; uploadMs: number } = { downloadMs: BUNDLE_DOWNLOAD_MS, uploadMs: BUNDLE_UPLOAD_MS },
): Promise<SupportBundle | undefined> {
  const name = artifactName(client.pipelineName, env);
  const local = !env.ACTIONS_RUNTIME_TOKEN;
  const base = env.RUNNER_TEMP || (local ? process.cwd() : tmpdir());
  let dir: string | undefined;
  try {
    dir = local ? base : mkdtempSync(join(base, 'feldera-support-'));
    const file = join(dir, local ? `${name}.zip` : `${client.pipelineName}-support-bundle.zip`);
    log.info(`Downloading the support bundle of pipeline ${client.pipelineName}.`);
    const bytes = await client
      .supportBundle(config.supportBundleParts, SUPPORT_BUNDLE_PARTS, file, {
        maxBytes: BUNDLE_MAX_BYTES,
        totalMs: budget.downloadMs,
      })
      .catch((error: unknown) => {
        rmSync(file, { force: true });
        throw error;
      });
    const size = `${(bytes / 1e6).toFixed(1)} MB`;
    if (local) {
      log.info(
        `Support bundle of pipeline ${client.pipelineName} (${size}) written to ${file} (no ACTIONS_RUNTIME_TOKEN: not on GitHub, no artifact).`,
      );
      return { name, path: file };
    }
    const artifactId = await upload(
      name,
      file,
      dir,
      { retentionDays: config.supportBundleRetentionDays, timeoutMs: budget.uploadMs },
      cancelled,
    );
    // Kept when the upload did not end: it may still be reading the file; the runner empties RUNNER_TEMP.
    rmSync(dir, { recursive: true, force: true });
    const url = `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY ?? ''}/actions/runs/${env.GITHUB_RUN_ID ?? ''}/artifacts/${artifactId}`;
    log.info(`Support bundle of pipeline ${client.pipelineName} (${size}) uploaded as artifact ${name}: ${url}`);
    return { name, artifactId, url };
  } catch (error) {
    if (cancelled.aborted) return undefined;
    const why = error instanceof BundleProblem ? error.message : serverText(messageOf(error), [], 1000);
    return { name, problem: `No support bundle for pipeline ${client.pipelineName}: ${why}.` };
  }
}

/** `@actions/artifact`, loaded only when a bundle is uploaded; it takes no signal, so its promise is raced and left behind. */
async function upload(
  name: string,
  file: string,
  dir: string,
  { retentionDays, timeoutMs }: { retentionDays: number; timeoutMs: number },
  cancelled: AbortSignal,
): Promise<string> {
  const { DefaultArtifactClient } = await import('@actions/artifact');
  // Already a ZIP, deflated by Feldera: stored as it is in the artifact's own ZIP.
  const uploading = new DefaultArtifactClient().uploadArtifact(name, [file], dir, {
    retentionDays,
    compressionLevel: 0,
  });
  const ended = ownBudget(timeoutMs, cancelled);
  try {
    const { id } = await raceAbort(uploading, ended);
    if (id === undefined) throw new Error('the artifact service gave no artifact id');
    return String(id);
  } catch (error) {
    // Not the service's answer: its budget was spent, or the run cancelled.
    if (endedBy(ended, error))
      throw new Error(
        cancelled.aborted ? 'cancelled' : `the artifact service took longer than ${formatDuration(timeoutMs)}`,
        { cause: error },
      );
    throw new Error(`the artifact service refused the upload: ${messageOf(error)}`, { cause: error });
  }
}
