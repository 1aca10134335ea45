import { ACTION_CODES, type Outcome } from '../model/outcome.ts';
import { messageOf, serverText } from '../text/text.ts';
import { graceAfter, ownBudget } from '../feldera/abortable.ts';

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
/** After a cancel, the runner kills the step soon: the last status gets this long. */
const AFTER_CANCEL_MS = 1500;

/**
 * Creates the deployment and its `in_progress` status. Any failure is a warning and gives
 * `undefined`: recording a deployment must never fail a start.
 */
export async function createDeployment(options: DeploymentOptions): Promise<Deployment | undefined> {
  const where = `a GitHub deployment to environment ${options.environment}`;
  const call = () => ownBudget(GITHUB_CALL_MS, options.cancelled);
  let github: Awaited<ReturnType<typeof connect>>;
  let id: number;
  try {
    github = await connect(options.token);
    const created = await github.octokit.rest.repos.createDeployment({
      ...github.repo,
      ref: github.context.sha,
      environment: options.environment,
      description: `Start Feldera pipeline ${options.pipelineName}`,
      auto_merge: false,
      // The start is the check here; the commit's other checks do not gate it.
      required_contexts: [],
      request: { signal: call() },
    });
    if (!('id' in created.data)) throw new Error(created.data.message ?? 'GitHub created no deployment');
    id = created.data.id;
  } catch (error) {
    options.warning(`Could not record ${where}: ${describe(error)}`);
    return undefined;
  }

  const logUrl = `${github.context.serverUrl}/${github.repo.owner}/${github.repo.repo}/actions/runs/${github.context.runId}`;
  const status = async (
    state: 'in_progress' | 'success' | 'failure' | 'error' | 'pending',
    description: string,
    signal: AbortSignal,
  ) => {
    try {
      await github.octokit.rest.repos.createDeploymentStatus({
        ...github.repo,
        deployment_id: id,
        state,
        // GitHub keeps 140 characters of a description.
        description: description.length > 140 ? `${description.slice(0, 139)}…` : description,
        environment_url: options.pipelineUrl,
        log_url: logUrl,
        request: { signal },
      });
    } catch (error) {
      options.warning(`Could not record the status ${state} of ${where}: ${describe(error)}`);
    }
  };
  await status('in_progress', `Starting Feldera pipeline ${options.pipelineName}`, call());
  options.info(`Recording ${where} (deployment ${id}).`);

  return {
    finish: async (outcome, changes) => {
      // The last status is recorded after a cancel too, briefly: it says the start did not finish.
      // A cancel that comes while it is recorded cuts the call to that moment as well.
      const signal = ownBudget(GITHUB_CALL_MS, graceAfter(options.cancelled, AFTER_CANCEL_MS));
      switch (outcome.result) {
        case 'reached':
        case 'accepted':
          return status('success', `Feldera pipeline ${options.pipelineName} started`, signal);
        case 'awaiting-approval':
          return status(
            'pending',
            `Awaiting approval: ${changes ?? 'the program changed since the checkpoint'}`,
            signal,
          );
        case 'failed':
          return status(
            ACTION_CODES[outcome.code] ? 'error' : 'failure',
            `${outcome.code}: ${outcome.message}`,
            signal,
          );
      }
    },
  };
}

/** Loaded only for runs that record a deployment: the other runs start without it. */
async function connect(token: string) {
  const { context, getOctokit } = await import('@actions/github');
  return { context, octokit: getOctokit(token), repo: context.repo };
}

/** Octokit's errors carry the HTTP status; 403 and 404 mean the token may not write deployments. */
function describe(error: unknown): string {
  const status = (error as { status?: unknown }).status;
  const message = serverText(messageOf(error), [], 300);
  if (status === 403 || status === 404) {
    return `${status} ${message}. Give the job \`permissions: deployments: write\` (and contents: read).`;
  }
  return typeof status === 'number' ? `${status} ${message}` : message;
}
