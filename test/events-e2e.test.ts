// Feldera's events in the summary, end to end: the bundle (dist/index.js) as the runner runs it, against the fake Feldera.
import { describe, expect, it } from 'vitest';
import type { ActionRun } from './run-action.ts';
import { endToEnd, errorAnnotation } from './harness.ts';

const { KEY, fake, inputs, act } = endToEnd();

/** The rows of the summary's Statuses seen, as cells. */
function timeline(run: ActionRun): string[][] {
  const table = run.summary.split('#### Statuses seen\n\n')[1]?.split('\n\n')[0] ?? '';
  return table
    .split('\n')
    .map((row) => row.slice(2, -2).split(' | '))
    .slice(2);
}

const failure = { message: 'The pipeline process exited', error_code: 'RunnerCheckError', details: null };

describe('Feldera’s events in the summary, end to end', () => {
  it('shows a status the step never read, between two of its reads, marked; the failure and its annotation as without them', async () => {
    // Unavailable passes at once after the read that ends Provisioning: no status read can show it, an event records it.
    const server = await fake([
      {
        name: 'p',
        phases: [{ status: 'Provisioning', reads: 2 }, { status: 'Unavailable' }, { status: 'Initializing', reads: 2 }],
        failWith: failure,
      },
    ]);
    const run = await act(inputs(server));
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('RunnerCheckError');
    expect(errorAnnotation(run).message).toContain('The pipeline process exited');
    expect(run.annotations.filter((annotation) => annotation.level === 'warning')).toEqual([]);
    // The step's own lines never name it.
    expect(run.stdout).not.toMatch(/\] Unavailable \(desired/);
    expect(server.calls('events')).toHaveLength(1);
    expect(server.calls('events')[0]!.query).toEqual({ selector: 'status' });
    const rows = timeline(run);
    // When each began by Feldera's clock, the error with the Stopping it came with (the runner records both at once).
    const time = String.raw`\d\d:\d\d:\d\d\.\d UTC`;
    expect(rows.map(([status]) => status?.replace(new RegExp(time), 'T'))).toEqual([
      'Stopped',
      'Provisioning',
      "Unavailable (only in Feldera's events)",
      'Initializing',
      'Stopping (deployment error)',
      // After the step's last read, which found the error; the step read a Stopped before, at its start.
      'Stopped',
    ]);
    expect(rows.every(([, began]) => new RegExp(`^${time}$`).test(began ?? ''))).toBe(true);
    expect(rows.map(([, , lasted]) => lasted === 'until the step ended')).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
    expect(run.summary).toMatch(
      /By Feldera's clock, from its events\. The step started at \S+ UTC by the runner's clock\./,
    );
  });

  it('warns when Feldera has no /events (before 0.292), after the failure’s annotation, the result, code and outputs unchanged', async () => {
    const scripts = [{ name: 'p', phases: [{ status: 'Provisioning', reads: 1 }], failWith: failure }];
    const older = await act(inputs(await fake(scripts, { noEvents: true })));
    const newer = await act(inputs(await fake(scripts)));
    expect(older.code).toBe(1);
    expect(older.outputs['error-code']).toBe('RunnerCheckError');
    const without = (outputs: Record<string, string>) => ({
      ...outputs,
      'elapsed-seconds': '',
      'deployment-id': '',
      'pipeline-url': '',
      results: '',
    });
    expect(without(older.outputs)).toEqual(without(newer.outputs));
    const warnings = older.annotations.filter((annotation) => annotation.level === 'warning');
    expect(warnings.map((warning) => warning.message)).toEqual([
      "Could not read Feldera's events of pipeline p, so the summary's timeline has only the statuses the step saw: this Feldera has no GET /events (it came with 0.292)",
    ]);
    expect(older.annotations.findIndex((annotation) => annotation.level === 'error')).toBeLessThan(
      older.annotations.indexOf(warnings[0]!),
    );
    // The timeline is the step's own, as before /events.
    expect(older.summary).toMatch(/\| Status \| Began \| Lasted \|\n.*\n\| Stopped \| \+[\d.]+s \|/);
    expect(older.summary).not.toContain("Feldera's clock");
  });

  it('shows Feldera’s timeline for a success too, and a refused read is a warning that quotes Feldera, the step green', async () => {
    const server = await fake([
      {
        name: 'p',
        phases: [
          { status: 'Provisioning', reads: 1 },
          { status: 'Initializing', reads: 1 },
        ],
      },
    ]);
    const run = await act(inputs(server));
    expect(run.code).toBe(0);
    expect(run.annotations).toEqual([]);
    expect(timeline(run).map(([status]) => status)).toEqual(['Stopped', 'Provisioning', 'Initializing', 'Running']);
    expect(run.summary).toContain("By Feldera's clock, from its events.");

    const refusing = await fake([{ name: 'p' }]);
    // A command in the middle of a line is no command: the runner reads them at the start of a line only (src/text/text.ts).
    const body = JSON.stringify({
      message: 'Events are off ::warning::here',
      error_code: 'NotImplemented',
      details: null,
    });
    refusing.fault('events', { kind: 'status', status: 501, body });
    const refused = await act(inputs(refusing));
    expect(refused.code).toBe(0);
    expect(refused.outputs['error-code']).toBe('');
    expect(refused.annotations.map(({ level, message }) => [level, message])).toEqual([
      [
        'warning',
        expect.stringMatching(
          /^Could not read Feldera's events of pipeline p, .*: GET http:\S+\/events\?selector=status failed: 501 NotImplemented: Events are off ::warning::here$/,
        ),
      ],
    ]);
  });

  it('makes an event’s text plain in the summary: no command, no HTML, no key', async () => {
    const server = await fake([{ name: 'p' }]);
    const hostile = `::warning::PWNED <img src=x onerror=alert(1)> | ${KEY} \n::error::PWNED`;
    const event = {
      event_id: '0198c7a1-5e1e-7d40-9a2f-6b9d2f3a1c11',
      recorded_at: new Date().toISOString(),
      deployment_resources_status: 'Provisioned',
      deployment_resources_desired_status: 'Provisioned',
      deployment_runtime_status: hostile,
      deployment_runtime_desired_status: 'Running',
      deployment_has_error: false,
      program_status: 'Success',
      storage_status: 'InUse',
    };
    server.fault('events', { kind: 'status', status: 200, body: JSON.stringify([event]) });
    const run = await act(inputs(server));
    expect(run.code).toBe(0);
    const row = timeline(run).find(([status]) => status?.includes('PWNED'));
    expect(row?.[0]).toMatch(/ \(only in Feldera's events\)$/);
    // Escaped as markdown text, the key redacted before that (`***`, each star escaped).
    expect(row?.[0]).toContain('\\<img src=x onerror=alert(1)> \\| \\*\\*\\*');
    expect(run.stdout).not.toMatch(/^::(warning|error)::PWNED/m);
  });

  it('reads each pipeline’s events with several pipelines, and shows each one’s in its details', async () => {
    const server = await fake([
      {
        name: 'orders',
        phases: [{ status: 'Provisioning', reads: 2 }, { status: 'Unavailable' }, { status: 'Initializing', reads: 2 }],
        failWith: failure,
      },
      { name: 'billing', phases: [{ status: 'Provisioning', reads: 1 }] },
    ]);
    const run = await act(inputs(server, { 'pipeline-name': 'orders, billing' }));
    expect(run.code).toBe(1);
    expect(
      server
        .calls('events')
        .map((request) => request.path)
        .sort(),
    ).toEqual(['/v0/pipelines/billing/events', '/v0/pipelines/orders/events']);
    const details = (name: string) => run.summary.split(`<details><summary>${name}: `)[1]?.split('</details>')[0] ?? '';
    expect(details('orders')).toContain("| Unavailable (only in Feldera's events) |");
    expect(details('billing')).toContain("By Feldera's clock, from its events.");
    expect(details('billing')).not.toContain("only in Feldera's events");
  });

  it('leaves out what Feldera recorded before the step: a previous run’s start and stop, moments before', async () => {
    const server = await fake([{ name: 'p', phases: [{ status: 'Provisioning', reads: 1 }] }]);
    const headers = { authorization: `Bearer ${KEY}` };
    const read = async () =>
      ((await (await fetch(`${server.url}/v0/pipelines/p`, { headers })).json()) as { deployment_status: string })
        .deployment_status;
    // Someone's run just before: started, Running, stopped, Stopped; all within the step's window of clock skew.
    await fetch(`${server.url}/v0/pipelines/p/start`, { method: 'POST', headers });
    while ((await read()) !== 'Running');
    await fetch(`${server.url}/v0/pipelines/p/stop?force=true`, { method: 'POST', headers });
    while ((await read()) !== 'Stopped');
    const run = await act(inputs(server));
    expect(run.code).toBe(0);
    // From the Stopped the step found: the earlier Running and Stopping are not this step's.
    expect(timeline(run).map(([status]) => status)).toEqual(['Stopped', 'Provisioning', 'Running']);
  });
});
