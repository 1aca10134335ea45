import type { Outcome } from './outcome.ts';
import { serverText } from './text.ts';

export interface DeploymentOptions {
  token: string;
  environment: string;
  pipelineName: string;
  pipelineUrl: string;
  /** Ends the GitHub calls on cancel; each also has a time limit of its own. */
  cancelled: AbortSignal;
  warning: (line: string) => void;
  info: (line: string) => void;
}

/** A GitHub deployment of this run's commit, whose statuses follow the start. */
export interface Deployment {
  /** Records the outcome as the deployment's last status. */
  finish: (outcome: Outcome, changes: string | undefined) => Promise<void>;
}

/** A GitHub call that does not answer must not hold the step. */
const GITHUB_CALL_MS = 15_000;
/** The action could not do its job (as opposed to the pipeline failing to start): GitHub's `error`. */
const ACTION_ERRORS = new Set(['InvalidInput', 'Timeout', 'Cancelled', 'Unreachable', 'UnexpectedResponse', 'OidcTokenUnavailable', 'InternalError']);

/**
 * Creates the deployment and its `in_progress` status. Any failure is a warning and gives
 * `undefined`: recording a deployment must never fail a start.
 */
export async function createDeployment(options: DeploymentOptions): Promise<Deployment | undefined> {
  // Loaded only for runs that record a deployment: the other runs start without it.
  const { context, getOctokit } = await import('@actions/github');
  const octokit = getOctokit(options.token);
  const { owner, repo } = context.repo;
  const request = () => ({ signal: AbortSignal.any([options.cancelled, AbortSignal.timeout(GITHUB_CALL_MS)]) });
  const logUrl = `${context.serverUrl}/${owner}/${repo}/actions/runs/${context.runId}`;
  const where = `a GitHub deployment to environment ${options.environment}`;

  let id: number;
  try {
    const created = await octokit.rest.repos.createDeployment({
      owner,
      repo,
      ref: context.sha,
      environment: options.environment,
      description: `Start Feldera pipeline ${options.pipelineName}`,
      auto_merge: false,
      // The start is the check here; the commit's other checks do not gate it.
      required_contexts: [],
      request: request(),
    });
    if (!('id' in created.data)) throw new Error(created.data.message ?? 'GitHub created no deployment');
    id = created.data.id;
  } catch (error) {
    options.warning(`Could not record ${where}: ${describe(error)}`);
    return undefined;
  }

  const status = async (state: 'in_progress' | 'success' | 'failure' | 'error' | 'pending', description: string) => {
    try {
      await octokit.rest.repos.createDeploymentStatus({
        owner,
        repo,
        deployment_id: id,
        state,
        // GitHub keeps 140 characters of a description.
        description: description.length > 140 ? `${description.slice(0, 139)}…` : description,
        environment_url: options.pipelineUrl,
        log_url: logUrl,
        request: request(),
      });
    } catch (error) {
      options.warning(`Could not record the status ${state} of ${where}: ${describe(error)}`);
    }
  };
  await status('in_progress', `Starting Feldera pipeline ${options.pipelineName}`);
  options.info(`Recording ${where} (deployment ${id}).`);

  return {
    finish: async (outcome, changes) => {
      switch (outcome.result) {
        case 'reached':
        case 'accepted':
          return status('success', `Feldera pipeline ${options.pipelineName} started`);
        case 'awaiting-approval':
          return status('pending', `Awaiting approval: ${changes ?? 'the program changed since the checkpoint'}`);
        case 'failed':
          return status(ACTION_ERRORS.has(outcome.code) ? 'error' : 'failure', `${outcome.code}: ${outcome.message}`);
      }
    },
  };
}

/** Octokit's errors carry the HTTP status; 403 and 404 mean the token may not write deployments. */
function describe(error: unknown): string {
  const status = (error as { status?: unknown }).status;
  const message = serverText(error instanceof Error ? error.message : String(error), [], 300);
  if (status === 403 || status === 404) {
    return `${status} ${message}. Give the job \`permissions: deployments: write\` (and contents: read).`;
  }
  return typeof status === 'number' ? `${status} ${message}` : message;
}
