// What every end-to-end test file shares: fakes closed after each test, inputs with an API key, and
// a check after each test that no run wrote the key anywhere.
import { afterEach, expect } from 'vitest';
import { FakeFeldera, type FakeOptions, type PipelineScript } from './fake-feldera.ts';
import { killRunning, runAction, type ActionRun } from './run-action.ts';

export const KEY = `apikey:${'k7'.repeat(64)}`;

export function endToEnd() {
  const servers: { close: () => Promise<void> }[] = [];
  const runs: { run: ActionRun; keys: string[] }[] = [];
  afterEach(async () => {
    // A run the test did not wait for (it failed, or timed out) ends before the fakes it talks to.
    await killRunning();
    for (const server of servers.splice(0)) await server.close();
    for (const { run, keys } of runs.splice(0)) {
      for (const key of keys) {
        // The one place it may appear is the command that tells the runner to mask it.
        expect(run.stdout.split('\n').filter((line) => line.includes(key) && line !== `::add-mask::${key}`)).toEqual(
          [],
        );
        expect(run.stderr + JSON.stringify(run.outputs) + run.summary + run.stateFile).not.toContain(key);
      }
    }
  });

  /** A server of the test's (a fake GitHub, a token endpoint), closed after the test. */
  async function serve<T extends { close: () => Promise<void> }>(starting: Promise<T>): Promise<T> {
    const started = await starting;
    servers.push(started);
    return started;
  }

  function fake(scripts: PipelineScript[], options: Omit<FakeOptions, 'pipelines'> = {}): Promise<FakeFeldera> {
    return serve(FakeFeldera.start({ pipelines: scripts, apiKey: KEY, ...options }));
  }

  /** Scripted phases are tens of milliseconds; the budget is generous for a loaded machine. */
  function inputs(server: FakeFeldera, extra: Record<string, string> = {}): Record<string, string> {
    return {
      'pipeline-name': 'p',
      'api-url': server.url,
      'api-key': KEY,
      'poll-interval': '100ms',
      timeout: '30s',
      ...extra,
    };
  }

  /**
   * Runs the bundle, and has its output searched after the test for the secrets it was given, and
   * for `more()` (tokens a fake handed out during the run).
   */
  async function act(
    actionInputs: Record<string, string>,
    env: Record<string, string> = {},
    more: () => string[] = () => [],
  ): Promise<ActionRun> {
    return watch(runAction(actionInputs, env), actionInputs, env, more);
  }

  function watch(
    done: Promise<ActionRun>,
    actionInputs: Record<string, string>,
    env: Record<string, string> = {},
    more: () => string[] = () => [],
  ): Promise<ActionRun> {
    return done.then((run) => {
      const given = [actionInputs['api-key'], actionInputs['github-token'], env.FELDERA_API_KEY, ...more()];
      runs.push({ run, keys: given.filter((key): key is string => Boolean(key)) });
      return run;
    });
  }

  return { KEY, fake, serve, inputs, act, watch };
}

/** The one annotation that fails the step (compiler messages are annotations of their own). */
export function errorAnnotation(run: ActionRun) {
  const errors = run.annotations.filter(
    (annotation) =>
      annotation.level === 'error' && / (did not start|could not be planned)$/.test(annotation.properties),
  );
  expect(errors).toHaveLength(1);
  return errors[0]!;
}
