// `node test/fake-feldera.ts PORT [options]`: the command line's cases, as the README's recipes use them.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fakeFromArgs, USAGE } from './fake/cli.ts';
import { FakeFeldera } from './fake-feldera.ts';

function options(...args: string[]) {
  const asked = fakeFromArgs(args);
  if ('help' in asked) throw new Error('help asked');
  return asked;
}

describe('the fake from the command line', () => {
  it('serves one stopped pipeline, example, on the port given, as the community edition by default', () => {
    const { port, options: fake } = options('8080');
    expect(port).toBe(8080);
    expect(fake.pipelines.map(({ name }) => name)).toEqual(['example']);
    expect(fake.edition).toBe('Open source');
    expect(fake.apiKey).toBeUndefined();
  });

  it('serves a pipeline that bootstraps as Enterprise, and refuses --approval with the community edition', () => {
    const { options: fake } = options('--pipelines', 'orders,billing', '--approval=billing');
    expect(fake.edition).toBe('Enterprise');
    expect(fake.pipelines.find(({ name }) => name === 'billing')?.checkpointed).toBeDefined();
    expect(fake.pipelines.find(({ name }) => name === 'orders')?.checkpointed).toBeUndefined();
    expect(() => fakeFromArgs(['--approval', '--edition', 'community'])).toThrow(/Enterprise-only/);
    expect(options('--edition', 'enterprise').options.edition).toBe('Enterprise');
  });

  it('scripts a failing connector, a program that does not compile, and a key', () => {
    const { options: fake } = options('--connector-fails', '--sql-error', '--api-key=apikey:k');
    const [pipeline] = fake.pipelines;
    expect(pipeline?.connectors?.[0]?.states?.some(({ fatalError }) => fatalError)).toBe(true);
    expect(pipeline?.compile?.at(-1)?.status).toBe('SqlError');
    expect(fake.compiles).toEqual([{ marker: '', outcome: 'SqlError' }]);
    expect(fake.apiKey).toBe('apikey:k');
  });

  it('says what is wrong with a command line', () => {
    expect(() => fakeFromArgs(['--bogus'])).toThrow(/Unknown argument "--bogus"/);
    expect(() => fakeFromArgs(['--api-key', 'secret'])).toThrow(/apikey:/);
    expect(() => fakeFromArgs(['--pipelines', 'a', '--sql-error=b'])).toThrow(/--sql-error names b/);
    expect(() => fakeFromArgs(['--edition'])).toThrow(/needs a value/);
    expect(fakeFromArgs(['--help'])).toEqual({ help: USAGE });
  });

  it('answers as the options say: authentication on, the edition, the pipelines', async () => {
    const fake = await FakeFeldera.start(options('--pipelines', 'a,b', '--approval', '--api-key', 'apikey:k').options);
    try {
      expect((await fetch(`${fake.url}/v0/pipelines`)).status).toBe(401);
      const headers = { authorization: 'Bearer apikey:k' };
      const config = (await (await fetch(`${fake.url}/v0/config`, { headers })).json()) as { edition: string };
      expect(config.edition).toBe('Enterprise');
      const list = (await (await fetch(`${fake.url}/v0/pipelines`, { headers })).json()) as { name: string }[];
      expect(list.map(({ name }) => name)).toEqual(['a', 'b']);
    } finally {
      await fake.close();
    }
  });

  it('prints its usage with --help, and exits 2 on a wrong option', () => {
    expect(execFileSync(process.execPath, ['test/fake-feldera.ts', '--help'], { encoding: 'utf8' })).toContain(
      '--approval',
    );
    expect(() => execFileSync(process.execPath, ['test/fake-feldera.ts', '--nope'], { stdio: 'pipe' })).toThrow(
      expect.objectContaining({ status: 2 }),
    );
  });
});
