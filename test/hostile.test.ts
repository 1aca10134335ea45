// Hostile data and hostile networks: server text that tries to run workflow commands in either of the
// runner's forms, proxies and durations that once crashed or misfired, huge bodies, coloured logs.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inert, serverText } from '../src/text/text.ts';
import { endToEnd, errorAnnotation } from './harness.ts';
import { LargeText } from './fake-feldera.ts';
import { pipelineDiff } from './fixtures.ts';
import type { ActionRun } from './run-action.ts';
import { runnerCommands } from './runner-commands.ts';

const { KEY, fake, inputs, act } = endToEnd();
const PHASES = [
  { status: 'Provisioning', ms: 40 },
  { status: 'Initializing', ms: 40 },
];

/** Each tries to make the runner run a command, in one of the ways its parser allows. */
const HOSTILE = [
  '##[stop-commands]pwned',
  'rejected record: ##[set-output name=status;]Running',
  'x ##[add-mask]Running',
  '##[SET-OUTPUT name=error-code;]',
  '::add-mask::Running',
  '   ::set-output name=status::Running',
  '\u2028::error::from a line separator',
  '\r::warning::from a carriage return',
  '#\u00ad#[stop-commands]behind a soft hyphen',
  '#\u200b#[save-state name=x;]behind a zero-width space',
  '\u00ad::add-mask::behind a soft hyphen',
  '#\u001b[0m#[stop-commands]behind a colour code',
  '\u001b[31m##[error]in red',
  '##\t[error]behind a tab',
];

describe('server text', () => {
  it.each(HOSTILE)('runs no command, alone or behind the action’s words: %j', (text) => {
    for (const line of [serverText(text), `Pipeline p stopped: ${serverText(text)}`, inert(`│ ${text}`), inert(text)]) {
      expect(runnerCommands(line)).toEqual([]);
      expect(line).not.toMatch(/[\r\n\u2028\u2029]/);
    }
  });

  it('keeps what can be read, and drops ANSI colour codes', () => {
    const line =
      '\u001b[2m2026-11-24T10:00:00Z\u001b[0m \u001b[32m INFO\u001b[0m connector \u001b]8;;http://x\u0007kafka\u001b]8;;\u0007 ready';
    expect(serverText(line)).toBe('2026-11-24T10:00:00Z  INFO connector kafka ready');
    expect(serverText('  indented\tline with std::io::Error and [::1]:8080')).toBe(
      '  indented line with std::io::Error and [::1]:8080',
    );
  });

  it('is printed by one module only, which makes every plain line inert', () => {
    const src = join(import.meta.dirname, '..', 'src');
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter(
      (file) => file.endsWith('.ts') && file !== join('log', 'log.ts'),
    );
    const printing = files.filter((file) =>
      /core\.(info|startGroup)\(|console\.\w+\(|process\.(stdout|stderr)\./.test(readFileSync(join(src, file), 'utf8')),
    );
    expect(printing).toEqual([]);
  });
});

/** The runner's reading of a run: only the action's own commands, and its error annotation not swallowed. */
function expectOnlyOwnCommands(run: ActionRun): void {
  const commands = runnerCommands(run.stdout + run.stderr);
  const foreign = commands.filter(({ name, data }) => {
    if (['debug', 'error', 'warning', 'group', 'endgroup', 'resume-commands'].includes(name)) return false;
    if (name === 'add-mask') return data !== KEY;
    if (name === 'stop-commands') return !/^[0-9a-f-]{36}$/.test(data);
    return true;
  });
  expect(foreign).toEqual([]);
  // Each stop-commands is resumed, so nothing after it is swallowed.
  expect(commands.filter(({ name }) => name === 'stop-commands')).toHaveLength(
    commands.filter(({ name }) => name === 'resume-commands').length,
  );
}

describe('end to end, hostile server text', () => {
  it('in statuses, retry messages, the deployment error and the log tail runs no command, and the error annotation stands', async () => {
    const server = await fake([
      {
        name: 'p',
        phases: [...PHASES, { status: '##[stop-commands]x', ms: 40 }],
        failWith: { error_code: 'RunnerCheckError', message: HOSTILE.join(' | '), details: { hint: HOSTILE[0] } },
        logLines: HOSTILE,
      },
    ]);
    server.fault('start', { kind: 'status', status: 502, body: HOSTILE.join('\n') });
    const run = await act(inputs(server));
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('RunnerCheckError');
    expect(run.outputs.status).not.toContain('##[');
    expect(errorAnnotation(run).message).toContain('rejected record: ## [set-output name=status;]Running');
    const commands = runnerCommands(run.stdout);
    expect(commands.filter(({ name }) => name === 'error').map(({ line }) => line)).toEqual([
      expect.stringMatching(/^::error title=Feldera pipeline p did not start::/),
    ]);
    expectOnlyOwnCommands(run);
    // The log tail was printed, between stop-commands and its token.
    expect(run.stdout).toMatch(/::stop-commands::([0-9a-f-]{36})\n(│ .*\n)+::\1::\n/);
    expect(run.summary).not.toMatch(/##\[|\u001b/);
  });

  it('in compiler output and approval diffs runs no command', async () => {
    const hostileNames = HOSTILE.map((text, i) => `v${i}${text}`);
    const compiler = await fake([
      {
        name: 'p',
        programStatus: 'CompilingRust',
        compile: [
          { status: 'CompilingRust', ms: 40 },
          { status: 'RustError', ms: 0 },
        ],
        programError: {
          sql_compilation: null,
          rust_compilation: { exit_code: 1, stdout: '', stderr: `error[E0425]: x\n${HOSTILE.join('\n')}` },
          system_error: null,
        },
      },
    ]);
    const failed = await act(inputs(compiler));
    expect(failed.outputs['error-code']).toBe('StartFailedDueToFailedCompilation');
    expect(failed.stdout).toContain('│ ## [stop-commands]pwned');
    expectOnlyOwnCommands(failed);

    const approval = await fake([
      {
        name: 'p',
        phases: [...PHASES, { status: 'AwaitingApproval', ms: 0 }],
        approvalDiff: {
          diff: pipelineDiff({
            program: { added_views: hostileNames },
            connectors: { added_input_connectors: hostileNames },
          }),
        },
      },
    ]);
    const awaiting = await act(inputs(approval));
    expect(awaiting.outputs['awaiting-approval']).toBe('true');
    expect(awaiting.annotations.map(({ level }) => level)).toEqual(['warning']);
    expectOnlyOwnCommands(awaiting);
  });
});

describe('proxies from the environment', () => {
  const proxies: Server[] = [];
  afterEach(() => {
    for (const server of proxies.splice(0)) server.close();
  });

  it('takes a bare host:port as an HTTP proxy, as curl does', async () => {
    const carried: string[] = [];
    const proxy = createServer((request, response) => {
      carried.push(request.url ?? '');
      const upstream = httpRequest(
        new URL(request.url ?? ''),
        { method: request.method, headers: request.headers },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      request.pipe(upstream);
    });
    proxies.push(proxy);
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const server = await fake([{ name: 'p', phases: PHASES }]);
    const run = await act(inputs(server), { HTTP_PROXY: `127.0.0.1:${(proxy.address() as AddressInfo).port}` });
    expect(run.code).toBe(0);
    expect(carried.length).toBe(server.requests.length);
  });

  it.each([
    ['HTTPS_PROXY', 'socks5://user:hunter2@proxy.corp:1080', 'socks5 proxies are not supported'],
    ['http_proxy', 'http://user:hunter2@[not a host', 'give http://host:port'],
  ])(
    'refuses an unusable %s as InvalidInput, naming it and not its password, before any request',
    async (variable, value, why) => {
      const server = await fake([{ name: 'p', phases: PHASES }]);
      const run = await act(inputs(server), { [variable]: value });
      expect(run.code).toBe(1);
      expect(run.outputs['error-code']).toBe('InvalidInput');
      const message = errorAnnotation(run).message;
      expect(message).toContain(`${variable} is not a proxy URL`);
      expect(message).toContain(why);
      expect(run.stdout + run.summary).not.toContain('hunter2');
      expect(server.requests).toEqual([]);
    },
  );
});

describe('durations', () => {
  it.each(['timeout', 'request-timeout', 'poll-interval'])(
    'refuses a %s longer than Node’s timers can wait, before any request',
    async (input) => {
      const server = await fake([{ name: 'p', phases: PHASES }]);
      const run = await act(inputs(server, { timeout: '120h', [input]: '1000h' }));
      expect(run.code).toBe(1);
      expect(run.outputs['error-code']).toBe('InvalidInput');
      expect(errorAnnotation(run).message).toContain(`${input} "1000h" is longer than 120h`);
      expect(server.requests).toEqual([]);
    },
  );

  it('takes the longest, 120h', async () => {
    const server = await fake([{ name: 'p', phases: PHASES }]);
    const run = await act(inputs(server, { timeout: '120h', 'request-timeout': '120h' }));
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('Running');
  });
});

describe('a timeout during compilation', () => {
  it('names the program status, in the message and in the summary’s timeline', async () => {
    const server = await fake([
      {
        name: 'p',
        programStatus: 'CompilingSql',
        compile: [
          { status: 'CompilingSql', reads: 1 },
          { status: 'CompilingRust', until: 'compiled' },
        ],
      },
    ]);
    const run = await act(inputs(server, { timeout: '2s' }));
    expect(run.outputs['error-code']).toBe('Timeout');
    expect(errorAnnotation(run).message).toMatch(
      /did not become Running before timeout 2s ran out: the program is still compiling: CompilingRust for [\d.]+s\./,
    );
    // The rows in order; when each began is Feldera's clock, not the test's.
    const table = run.summary.split('#### Statuses seen\n\n')[1]!.split('\n\n')[0]!.trim().split('\n').slice(2);
    expect(table).toEqual([
      expect.stringMatching(/^\| program CompilingSql \| [\d:.]+ UTC \| [\d.]+s \|$/),
      expect.stringMatching(/^\| program CompilingRust \| [\d:.]+ UTC \| until the step ended \|$/),
    ]);
  });
});

describe('a huge body', () => {
  it('is read for what it says: a status of 5 MiB is a status, and one that never ends is cut by request-timeout', async () => {
    // An older Feldera stored a description of any length, and every status carries it.
    const server = await fake([{ name: 'p', phases: PHASES, description: new LargeText('orders', 5 << 20) }]);
    // The first read while waiting, after the one that decides the start.
    server.fault('status', { kind: 'endless' }, 1, { skip: 1 });
    const run = await act(inputs(server, { 'request-timeout': '2s' }));
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('Running');
    expect(server.calls('status').length).toBeGreaterThan(1);
    expect(run.annotations.map(({ message }) => message)).toEqual([
      expect.stringContaining('no complete answer within 2s'),
    ]);
  });
});
