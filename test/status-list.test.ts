// One list of statuses for many runs, against the fake Feldera: shared while young, never older than
// what a run has seen by its own read.
import { afterEach, describe, expect, it } from 'vitest';
import { PipelineClient } from '../src/feldera/client.ts';
import { StatusList } from '../src/feldera/status-list.ts';
import { FakeFeldera } from './fake-feldera.ts';
import { httpOptions } from './http-options.ts';

const servers: FakeFeldera[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function setup() {
  const server = await FakeFeldera.start({ pipelines: [{ name: 'p' }, { name: 'q' }] });
  servers.push(server);
  const http = httpOptions(`${server.url}/`);
  // Young for a minute: only what the runs have seen makes it old.
  const list = new StatusList(http, 60_000, ['p', 'q']);
  return { server, http, list };
}

const once = { windowMs: 0 };

describe('StatusList', () => {
  it('answers every run from one list while it is young', async () => {
    const { server, list } = await setup();
    await list.status('p', once);
    await list.status('q', once);
    await list.status('p', once);
    expect(server.calls('list')).toHaveLength(1);
  });

  it('reads anew for a run whose own read came after the list was asked for (a start raced by someone else, as in the converge test of eleven pipelines)', async () => {
    const { server, http, list } = await setup();
    const client = new PipelineClient(http, 'p', list);
    expect((await client.status(once)).deployment_desired_status).toBe('Stopped');
    // Someone else starts p; the step's own start is refused, and its own read sees the start.
    await fetch(`${server.url}/v0/pipelines/p/start?initial=paused`, { method: 'POST' });
    await client
      .start('running', { policy: 'await_approval', silent: false, concurrent: false }, once)
      .catch(() => undefined);
    expect((await client.status(once)).deployment_desired_status).toBe('Paused');
    // The shared list from before is young, but older than that read: never served to p again.
    expect((await client.status(once)).deployment_desired_status).toBe('Paused');
    expect(server.calls('list')).toHaveLength(2);
    // Another run that has seen nothing newer still shares it.
    await list.status('q', once);
    expect(server.calls('list')).toHaveLength(2);
  });
});
