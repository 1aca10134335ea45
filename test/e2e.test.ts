// The bundle, run as the runner runs it, against the fake Feldera: every outcome of the core action.
import { describe, expect, it } from 'vitest';
import type { PipelineScript } from './fake-feldera.ts';
import { endToEnd, errorAnnotation } from './harness.ts';

const { KEY, fake, inputs, act } = endToEnd();

const PHASES = [
  { status: 'Provisioning', ms: 40 },
  { status: 'Initializing', ms: 40 },
];

describe('the action, end to end', () => {
  it('starts a pipeline through an early start and waits until it is Running', async () => {
    const server = await fake([
      {
        name: 'p',
        programStatus: 'CompilingSql',
        // Each phase for a read, Bootstrapping for two (the step reads its progress between them): every one is seen.
        compile: [{ status: 'CompilingSql', reads: 1 }, { status: 'CompilingRust', reads: 1 }, { status: 'Success' }],
        phases: [
          { status: 'Provisioning', reads: 1 },
          { status: 'Initializing', reads: 1 },
          { status: 'Unavailable', reads: 1 },
          { status: 'Bootstrapping', reads: 2 },
        ],
      },
    ]);
    const run = await act(inputs(server));
    expect(run.code).toBe(0);
    expect(run.outputs).toEqual({
      status: 'Running',
      'desired-status': 'Running',
      'awaiting-approval': 'false',
      approved: 'false',
      'deployment-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
      'program-status': 'Success',
      'error-code': '',
      'elapsed-seconds': expect.stringMatching(/^\d+\.\d$/),
      'pipeline-url': `${server.url}/pipelines/p/`,
      'approval-diff': '',
      // The fake's pipeline has no connectors: one read of /stats found none.
      connectors: '[]',
      'connector-error-count': '0',
      stopped: 'false',
      transition: 'start',
      // support-bundle: never, the default: no bundle, no artifact.
      'support-bundle-artifact': '',
      'plan-diff': '',
      'plan-changes': '',
      // update-program: false, the default: no change, no stop; the version read is the fake's.
      'program-change': '',
      'program-version': '2',
      'downtime-seconds': '',
      results: expect.stringMatching(/^\{"p":\{"status":"Running",/),
    });
    expect(run.annotations).toEqual([]);
    // Which Feldera answered is read once, beside the start.
    const calls = server.requests
      .filter((request) => request.path !== '/v0/config')
      .map((request) => `${request.method} ${request.path}`);
    // One status read decides the start (README "When the pipeline is already deployed").
    expect(calls.slice(0, 3)).toEqual([
      'GET /v0/pipelines/p',
      'POST /v0/pipelines/p/dismiss_error',
      'POST /v0/pipelines/p/start',
    ]);
    expect(server.calls('config')).toHaveLength(1);
    expect(server.calls('start')[0]!.query).toEqual({
      initial: 'running',
      bootstrap_policy: 'await_approval',
      silent_bootstrap: 'false',
      concurrent_bootstrap: 'false',
      dismiss_error: 'false',
    });
    expect(server.calls('status').every((request) => request.query.selector === 'status')).toBe(true);
    expect(server.calls('approve')).toEqual([]);
    // One line per change, not per poll; the console link first.
    expect(run.stdout).toMatch(
      /^Starting Feldera pipeline p towards Running: http:\/\/127\.0\.0\.1:\d+\/pipelines\/p\/$/m,
    );
    expect([...run.stdout.matchAll(/^\[[\d.]+s\] (.*)$/gm)].map((line) => line[1])).toEqual([
      // The read that decides the start, then the start's.
      'Stopped (desired Stopped, program CompilingSql)',
      'Stopped (desired Running, program CompilingSql)',
      'Stopped (desired Running, program CompilingRust)',
      'Provisioning (desired Running)',
      'Initializing (desired Running)',
      'Unavailable (desired Unavailable)',
      'Bootstrapping (desired Running)',
      'Running (desired Running)',
    ]);
    expect(run.stdout).toMatch(/^Pipeline p is Running after [\d.]+s\.$/m);
    expect(run.summary).toMatch(/^### ✅ p is Running\n\n/);
    expect(run.summary).toContain(`\n- **Console**: [p](${server.url}/pipelines/p/)\n`);
    expect(run.summary).not.toContain('Approved by this step');
  });

  it.each([
    ['paused', 'Paused'],
    ['standby', 'Standby'],
  ])('starts with initial %s and waits for %s', async (initial, status) => {
    // Standby needs file storage with sync, and Feldera Enterprise.
    const server = await fake([{ name: 'p', phases: PHASES, fileStorageWithSync: true }], { edition: 'Enterprise' });
    const run = await act(inputs(server, { initial }));
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe(status);
    expect(run.outputs['desired-status']).toBe(status);
    expect(server.calls('start')[0]!.query.initial).toBe(initial);
  });

  const modified: PipelineScript = {
    name: 'p',
    phases: [...PHASES, { status: 'AwaitingApproval', ms: 0 }, { status: 'Bootstrapping', ms: 40 }],
  };

  it('stops at AwaitingApproval with a warning when it may not approve', async () => {
    const server = await fake([modified]);
    const run = await act(inputs(server));
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({
      status: 'AwaitingApproval',
      'awaiting-approval': 'true',
      approved: 'false',
      'error-code': '',
    });
    expect(run.annotations).toEqual([
      {
        level: 'warning',
        properties: 'title=Feldera pipeline p awaits approval',
        message: expect.stringContaining('Pipeline p is AwaitingApproval'),
      },
    ]);
    expect(run.annotations[0]!.message).toContain('auto-approve: true');
    expect(server.calls('approve')).toEqual([]);
    // The log ends with what to do, and so does the summary's first paragraph.
    expect(
      run.stdout
        .trimEnd()
        .split('\n')
        .filter((line) => !line.startsWith('::debug::'))
        .at(-1),
    ).toBe(
      `Pipeline p is not Running: it awaits approval. To go on, approve the changes in the Feldera console (${server.url}/pipelines/p/), with \`fda approve p\`, or run this action again with auto-approve: true.`,
    );
    expect(run.summary).toMatch(
      /^### ⏸️ p awaits approval\n\nThe pipeline is not running: .* To go on, approve the changes in the \[Feldera console\]\(http:.*\), with `fda approve p`, or run this action again with auto-approve: true\.\n/,
    );
  });

  it('approves once, after seeing AwaitingApproval, and waits for Running', async () => {
    const server = await fake([modified]);
    const run = await act(inputs(server, { 'auto-approve': 'true' }));
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'Running', 'awaiting-approval': 'false', approved: 'true' });
    const approvals = server.calls('approve');
    expect(approvals).toHaveLength(1);
    const awaiting = server.timeline.find((entry) => entry.status === 'AwaitingApproval')!;
    expect(approvals[0]!.at).toBeGreaterThan(awaiting.at);
    expect(run.summary).toContain('- **Approved by this step**: yes (auto-approve: true)\n');
  });

  it('passes the bootstrap policy, and reports a rejected bootstrap with Feldera’s code', async () => {
    const server = await fake([modified]);
    const run = await act(inputs(server, { 'bootstrap-policy': 'reject' }));
    expect(run.code).toBe(1);
    expect(server.calls('start')[0]!.query.bootstrap_policy).toBe('reject');
    expect(run.outputs['error-code']).toBe('InitializationError');
    expect(errorAnnotation(run).message).toContain('rejected by the user');
  });

  it('sends concurrent-bootstrap on /start and on the one /approve, and shows its phases like any other', async () => {
    const phases = [
      ...PHASES,
      { status: 'AwaitingApproval' },
      { status: 'ConcurrentBootstrapping', reads: 2 },
      { status: 'Synchronizing', reads: 2 },
    ];
    const server = await fake([{ name: 'p', phases }], { edition: 'Enterprise' });
    const run = await act(inputs(server, { 'concurrent-bootstrap': 'true', 'auto-approve': 'true' }));
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('Running');
    const flags = { silent_bootstrap: 'false', concurrent_bootstrap: 'true' };
    expect(server.calls('start')[0]!.query).toMatchObject(flags);
    expect(server.calls('approve').map((request) => request.query)).toEqual([flags]);
    expect(run.stdout).toMatch(
      /^Start accepted: initial running, bootstrap-policy await_approval, concurrent-bootstrap\.$/m,
    );
    expect(run.stdout).toMatch(/\] ConcurrentBootstrapping \(desired Running\)$/m);
    expect(run.stdout).toMatch(/\] Synchronizing \(desired Running\)$/m);
    expect(run.summary).toMatch(/^\| ConcurrentBootstrapping \| [\d:.]+ UTC \| [\d.ms]+ \|$/m);
    expect(run.summary).toMatch(/^\| Synchronizing \| [\d:.]+ UTC \| [\d.ms]+ \|$/m);
  });

  it('refuses silent-bootstrap with concurrent-bootstrap before any request', async () => {
    const server = await fake([{ name: 'p' }]);
    const run = await act(inputs(server, { 'silent-bootstrap': 'true', 'concurrent-bootstrap': 'true' }));
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('InvalidInput');
    expect(errorAnnotation(run).message).toContain('silent-bootstrap and concurrent-bootstrap cannot both be true');
    expect(server.requests).toEqual([]);
  });

  it('quotes Feldera when the pipeline was started with other bootstrap settings, naming the inputs', async () => {
    const server = await fake([{ name: 'p', provisioned: { initial: 'running', status: 'Running' } }]);
    const run = await act(inputs(server, { 'silent-bootstrap': 'true', 'if-deployed': 'fail' }));
    expect(run.code).toBe(1);
    expect(server.calls('start')[0]!.query).toMatchObject({ silent_bootstrap: 'true', concurrent_bootstrap: 'false' });
    expect(run.outputs['error-code']).toBe('BootstrapPolicyImmutableUnlessStopped');
    expect(errorAnnotation(run).message).toMatch(
      /Hint: .*give the same bootstrap-policy, silent-bootstrap and concurrent-bootstrap\.$/,
    );
  });

  it('fails with the deployment error’s code and message', async () => {
    const server = await fake([
      {
        name: 'p',
        phases: PHASES,
        failWith: {
          error_code: 'RunnerCheckError',
          message: 'The pipeline process exited with code 137',
          details: null,
        },
      },
    ]);
    const run = await act(inputs(server));
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('RunnerCheckError');
    expect(['Stopping', 'Stopped']).toContain(run.outputs.status);
    expect(run.outputs['desired-status']).toBe('Stopped');
    expect(errorAnnotation(run)).toEqual({
      level: 'error',
      properties: 'title=Feldera pipeline p did not start',
      message: expect.stringMatching(
        /^Pipeline p stopped with RunnerCheckError: The pipeline process exited with code 137\. Hint: the pipeline's process or storage failed /,
      ),
    });
    expect(run.summary).toMatch(
      /^### ❌ p did not start: RunnerCheckError\n\n- \*\*Error\*\*: Pipeline p stopped with RunnerCheckError: .*\n- \*\*Hint\*\*: the pipeline's process/,
    );
  });

  it('fails on an unknown pipeline with Feldera’s code, message and a hint, after one request', async () => {
    const server = await fake([{ name: 'other' }]);
    const run = await act(inputs(server));
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('UnknownPipelineName');
    expect(errorAnnotation(run).message).toBe(
      `GET ${server.url}/v0/pipelines/p?selector=status failed: 404 UnknownPipelineName: Unknown pipeline name 'p'. Hint: check pipeline-name and api-url: the pipeline must exist on that Feldera instance.`,
    );
    expect(server.requests.length - server.calls('config').length).toBe(1);
    // Without debug logging, nothing is shown of the start's phase: no empty group for it.
    expect(run.stdout).toContain('::group::Starting pipeline p\n::debug::');
    const quiet = await act(inputs(server), { RUNNER_DEBUG: '0' });
    expect(quiet.code).toBe(1);
    expect(quiet.stdout).not.toContain('::group::');
  });

  it('fails when the program does not compile during an early start', async () => {
    const server = await fake([
      {
        name: 'p',
        programStatus: 'CompilingSql',
        compile: [
          { status: 'CompilingSql', ms: 100 },
          { status: 'SqlError', ms: 0 },
        ],
      },
    ]);
    const run = await act(inputs(server));
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('StartFailedDueToFailedCompilation');
    expect(run.outputs['program-status']).toBe('SqlError');
  });

  it('fails with the same code when the program already failed before /start', async () => {
    const server = await fake([{ name: 'p', programStatus: 'SqlError' }]);
    const run = await act(inputs(server));
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('StartFailedDueToFailedCompilation');
    expect(errorAnnotation(run).message).toContain('400 CannotStartWithCompilationError');
  });

  it.each([
    [
      'with an error to dismiss',
      { deploymentError: { error_code: 'RunnerCheckError', message: 'exited', details: null } },
      'DismissErrorRestrictedToFullyStopped',
    ],
    ['with no error', {}, 'IllegalPipelineAction'],
  ])('waits for a stop in progress to end, then starts (%s)', async (_name, extra, code) => {
    const server = await fake([{ name: 'p', phases: PHASES, stoppingReads: 3, ...extra }]);
    const run = await act(inputs(server));
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('Running');
    expect(run.stdout).toContain(`The pipeline is still stopping (${code}); waiting for Stopped to start it again.`);
    expect(run.stdout).toMatch(/\] Stopping \(desired Stopped\)$/m);
  });

  it('does not dismiss with dismiss-error: false, and says how to start', async () => {
    const server = await fake([
      { name: 'p', deploymentError: { error_code: 'RunnerCheckError', message: 'exited', details: null } },
    ]);
    const run = await act(inputs(server, { 'dismiss-error': 'false' }));
    expect(run.code).toBe(1);
    expect(server.calls('dismiss_error')).toEqual([]);
    expect(run.outputs['error-code']).toBe('CannotStartWithUndismissedError');
    expect(errorAnnotation(run).message).toMatch(/Hint: .*set dismiss-error: true/);
  });

  it('fails when someone else stops the pipeline while it starts', async () => {
    const server = await fake([{ name: 'p', phases: PHASES, stoppedBySomeoneElse: true }]);
    const run = await act(inputs(server));
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('StoppedExternally');
  });

  it('times out with the last status and how long it lasted', async () => {
    const server = await fake([{ name: 'p', phases: [{ status: 'Provisioning', ms: 60_000 }] }]);
    const run = await act(inputs(server, { timeout: '1500ms' }));
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('Timeout');
    expect(run.outputs.status).toBe('Provisioning');
    expect(Number(run.outputs['elapsed-seconds'])).toBeGreaterThanOrEqual(1.5);
    expect(errorAnnotation(run).message).toMatch(
      /^Feldera pipeline p did not become Running before timeout 1\.5s ran out: Provisioning for [\d.]+s\./,
    );
  });

  it('with wait: false, ends once the start is accepted, after one status read before it and one after', async () => {
    const server = await fake([{ name: 'p', phases: [{ status: 'Provisioning', ms: 60_000 }] }]);
    const run = await act(inputs(server, { wait: 'false' }));
    expect(run.code).toBe(0);
    expect(server.calls('status')).toHaveLength(2);
    expect(run.outputs['desired-status']).toBe('Running');
    expect(run.outputs['error-code']).toBe('');
  });

  it('sends the API key on every request', async () => {
    const server = await fake([{ name: 'p', phases: PHASES }]);
    const run = await act(inputs(server));
    expect(run.code).toBe(0);
    expect(server.requests.length).toBeGreaterThan(2);
    expect(server.requests.every((request) => request.authorization === `Bearer ${KEY}`)).toBe(true);
  });

  it('takes the key from FELDERA_API_KEY and the URL from FELDERA_HOST', async () => {
    const server = await fake([{ name: 'p', phases: PHASES }]);
    const run = await act(
      { 'pipeline-name': 'p', 'poll-interval': '100ms' },
      { FELDERA_API_KEY: KEY, FELDERA_HOST: server.url },
    );
    expect(run.code).toBe(0);
    expect(server.requests.every((request) => request.authorization === `Bearer ${KEY}`)).toBe(true);
  });

  it('fails on a wrong API key with Feldera’s code and a hint', async () => {
    const server = await fake([{ name: 'p' }]);
    const run = await act(inputs(server, { 'api-key': 'apikey:revoked' }));
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('AuthenticationFailed');
    expect(errorAnnotation(run).message).toMatch(
      /401 AuthenticationFailed: Unauthorized API key\. Hint: check api-key/,
    );
  });

  it('says to check the path prefix when api-url misses it, and the key on a bare 401', async () => {
    const server = await fake([{ name: 'p' }], { prefix: '/feldera' });
    const withoutPrefix = await act(inputs(server, { 'api-url': server.url.replace('/feldera', '') }));
    expect(withoutPrefix.outputs['error-code']).toBe('UnexpectedResponse');
    expect(errorAnnotation(withoutPrefix).message).toMatch(
      /failed: 404, and the body is not Feldera's: \(empty body\)\. Hint: check api-url: .*path prefix/,
    );
    server.fault('dismiss_error', { kind: 'status', status: 401, headers: { 'www-authenticate': 'Bearer' } });
    const refused = await act(inputs(server));
    expect(refused.outputs['error-code']).toBe('AuthenticationFailed');
    expect(errorAnnotation(refused).message).toMatch(
      /failed: 401, and the body is not Feldera's: \(empty body\)\. Hint: check api-key/,
    );
  });

  it('works behind a reverse proxy path, with a trailing slash', async () => {
    const server = await fake([{ name: 'p', phases: PHASES }], { prefix: '/feldera' });
    const run = await act(inputs(server, { 'api-url': `${server.url}/` }));
    expect(run.code).toBe(0);
    expect(server.calls('dismiss_error')[0]!.path).toBe('/feldera/v0/pipelines/p/dismiss_error');
    expect(server.calls('config')[0]!.path).toBe('/feldera/v0/config');
    expect(run.outputs['pipeline-url']).toBe(`${server.url}/pipelines/p/`);
  });

  it('survives a dropped connection on /start and a 503 while waiting', async () => {
    const server = await fake([{ name: 'p', phases: PHASES }]);
    server.fault('start', { kind: 'reset' });
    // After the read that decides the start: the first read while waiting.
    server.fault(
      'status',
      { kind: 'status', status: 503, body: '<html>Service Unavailable</html>', headers: { 'retry-after': '0' } },
      1,
      { skip: 1 },
    );
    const run = await act(inputs(server));
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('Running');
    expect(server.calls('start')).toHaveLength(2);
    expect(run.annotations.filter((annotation) => annotation.level === 'warning')).toHaveLength(1);
    expect(run.stdout).toMatch(/^Feldera answered again after 2 attempts/m);
  });

  it('refuses bad input before any request, listing every problem with the accepted values', async () => {
    const server = await fake([{ name: 'p' }]);
    const run = await act(
      inputs(server, {
        'pipeline-name': 'a/../b',
        initial: 'up',
        'bootstrap-policy': 'ask',
        'auto-approve': 'yes',
        'dismiss-error': '1',
        wait: 'no',
        timeout: 'soon',
        'poll-interval': '50ms',
        'request-timeout': '-1s',
      }),
    );
    expect(run.code).toBe(1);
    expect(server.requests).toEqual([]);
    expect(run.outputs['error-code']).toBe('InvalidInput');
    expect(errorAnnotation(run)).toEqual({
      level: 'error',
      properties: 'title=Feldera pipeline a/../b did not start',
      message: [
        'Invalid input:',
        '- pipeline-name "a/../b" must be 1 to 63 letters, digits, "_" or "-", not starting or ending with "_" or "-".',
        '- initial "up" is not one of running, paused, standby.',
        '- bootstrap-policy "ask" is not one of allow, reject, await_approval.',
        '- auto-approve "yes" must be true or false.',
        '- dismiss-error "1" must be true or false.',
        '- wait "no" must be true or false.',
        '- timeout "soon" is not a duration: give seconds (90) or h, m, s and ms parts (1h30m, 90s, 500ms).',
        '- request-timeout "-1s" is not a duration: give seconds (90) or h, m, s and ms parts (1h30m, 90s, 500ms).',
        '- poll-interval "50ms" is under the least of 100ms.',
      ].join('\n'),
    });
    expect(run.summary).toMatch(
      /^### ❌ a\/\.\.\/b did not start: InvalidInput\n\n- \*\*Error\*\*: Invalid input:<br>- pipeline-name "a\/\.\.\/b" must be/,
    );
    expect(run.summary).not.toMatch(/Target|Console|Last status/);
  });

  it('never lets server text run a workflow command', async () => {
    const hostile = JSON.stringify({
      message: 'no\n::add-mask::Running\n::set-output name=status::hacked',
      error_code: 'Bad\n::stop-commands::x',
      details: null,
    });
    const json = { 'content-type': 'application/json', 'retry-after': '0' };
    const server = await fake([{ name: 'p', phases: PHASES }, { name: 'q' }]);
    // Transient answers are logged as plain lines, the final one in the failure's annotation.
    server.fault('start', { kind: 'status', status: 503, body: hostile, headers: json });
    server.fault('status', { kind: 'status', status: 503, body: hostile, headers: json });
    const recovered = await act(inputs(server));
    expect(recovered.code).toBe(0);
    server.fault('dismiss_error', { kind: 'status', status: 400, body: hostile });
    const failed = await act(inputs(server, { 'pipeline-name': 'q' }));
    expect(failed.code).toBe(1);
    for (const run of [recovered, failed]) {
      expect(run.stdout).toContain('::add-mask::Running ::set-output name=status::hacked');
      const commands = run.stdout.split('\n').filter((line) => line.startsWith('::'));
      expect(commands.filter((line) => !/^::(debug|group|endgroup|warning|error)[ :]/.test(line))).toEqual([
        `::add-mask::${KEY}`,
      ]);
    }
    // The status read before the refused dismiss_error.
    expect(failed.outputs.status).toBe('Stopped');
    expect(recovered.outputs.status).toBe('Running');
  });
});
