import { describe, expect, it } from 'vitest';
import { INPUT_NAMES, InputError, MAX_PIPELINES, readConfig, sqlFileOf, type InputName } from '../src/model/inputs.ts';

function read(inputs: Partial<Record<InputName, string>>, env: Record<string, string> = {}) {
  const secrets: string[] = [];
  const asked: string[] = [];
  const result = readConfig({
    getInput: (name) => {
      asked.push(name);
      return inputs[name] ?? '';
    },
    env,
    onSecret: (secret) => secrets.push(secret),
  });
  return { ...result, secrets, asked };
}

function problems(inputs: Partial<Record<InputName, string>>): string[] {
  try {
    read({ 'pipeline-name': 'p', ...inputs });
  } catch (error) {
    if (error instanceof InputError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('readConfig', () => {
  it('gives the documented defaults', () => {
    const { config, warnings } = read({ 'pipeline-name': 'orders_v2' });
    expect(config).toEqual({
      pipelineNames: ['orders_v2'],
      apiUrl: new URL('http://localhost:8080/'),
      apiKey: undefined,
      initial: 'running',
      ifDeployed: 'converge',
      bootstrapPolicy: 'await_approval',
      silentBootstrap: false,
      concurrentBootstrap: false,
      autoApprove: false,
      reloadableTables: undefined,
      dismissError: true,
      wait: true,
      timeoutMs: 30 * 60_000,
      pollIntervalMs: 1000,
      requestTimeoutMs: 30_000,
      sqlFile: undefined,
      logs: 'on-failure',
      healthWindowMs: 0,
      connectorErrors: 'warn',
      stopOnFailure: false,
      stopAtJobEnd: false,
      environment: undefined,
      githubToken: undefined,
      oidcAudience: undefined,
      oidcTokenFile: undefined,
      tenant: undefined,
      proxy: { httpProxy: '', httpsProxy: '', noProxy: '' },
      supportBundle: 'never',
      supportBundleParts: undefined,
      supportBundleRetentionDays: 7,
      expectedDiff: undefined,
      plan: false,
      runtimeVersion: undefined,
      updateProgram: false,
      forceStop: false,
      udfRustFile: undefined,
      udfTomlFile: undefined,
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('reads every input of action.yml, and only those', () => {
    const { asked } = read({ 'pipeline-name': 'p' });
    expect([...new Set(asked)].sort()).toEqual([...INPUT_NAMES].sort());
  });

  it('falls back to FELDERA_HOST and FELDERA_API_KEY, and reports the key as a secret first', () => {
    const { config, secrets } = read(
      { 'pipeline-name': 'p' },
      { FELDERA_HOST: 'https://feldera.example.com/feldera', FELDERA_API_KEY: 'apikey:abc' },
    );
    expect(config.apiUrl.href).toBe('https://feldera.example.com/feldera/');
    expect(config.apiKey).toBe('apikey:abc');
    expect(secrets).toEqual(['apikey:abc']);
  });

  it('prefers the inputs to the environment', () => {
    const { config } = read(
      { 'pipeline-name': 'p', 'api-url': 'http://127.0.0.1:9/', 'api-key': 'apikey:input' },
      { FELDERA_HOST: 'https://other', FELDERA_API_KEY: 'apikey:env' },
    );
    expect(config.apiUrl.href).toBe('http://127.0.0.1:9/');
    expect(config.apiKey).toBe('apikey:input');
  });

  it('accepts booleans and enums in any case, and durations in their forms', () => {
    const { config } = read({
      'pipeline-name': 'p',
      initial: 'Paused',
      'if-deployed': 'Fail',
      'bootstrap-policy': 'ALLOW',
      'auto-approve': 'TRUE',
      'dismiss-error': 'False',
      timeout: '1h30m',
      'poll-interval': '250ms',
      'request-timeout': '90',
    });
    expect(config).toMatchObject({
      initial: 'paused',
      ifDeployed: 'fail',
      bootstrapPolicy: 'allow',
      autoApprove: true,
      dismissError: false,
      timeoutMs: 90 * 60_000,
      pollIntervalMs: 250,
      requestTimeoutMs: 90_000,
    });
    expect(read({ 'pipeline-name': 'p', timeout: '1m30s' }).config.timeoutMs).toBe(90_000);
    expect(read({ 'pipeline-name': 'p', timeout: '1.5s' }).config.timeoutMs).toBe(1500);
    expect(read({ 'pipeline-name': 'p', 'sql-file': './sql\\program.sql', logs: 'Always' }).config).toMatchObject({
      sqlFile: 'sql/program.sql',
      logs: 'always',
    });
  });

  it('reads plan, runtime-version and a sql-file with {name} for each pipeline', () => {
    const { config } = read({
      'pipeline-name': 'orders billing',
      plan: 'TRUE',
      'sql-file': './sql/{name}.sql',
      'runtime-version': 'v0.375.0',
    });
    expect(config).toMatchObject({ plan: true, runtimeVersion: 'v0.375.0', sqlFile: 'sql/{name}.sql' });
    expect(config.pipelineNames.map((name) => sqlFileOf(config, name))).toEqual(['sql/orders.sql', 'sql/billing.sql']);
    expect(sqlFileOf(read({ 'pipeline-name': 'p', 'sql-file': 'program.sql' }).config, 'p')).toBe('program.sql');
  });

  it('refuses with plan: true every input that would act on a pipeline, all in one error', () => {
    const found = problems({
      'pipeline-name': 'p',
      plan: 'true',
      'sql-file': 'p.sql',
      'auto-approve': 'true',
      'reloadable-tables': 't',
      'bootstrap-policy': 'allow',
      'stop-on-failure': 'true',
      'stop-at-job-end': 'true',
      environment: 'production',
      'github-token': 'ghs_x',
      'support-bundle': 'on-failure',
    });
    for (const name of [
      'auto-approve: true',
      'reloadable-tables',
      'stop-on-failure: true',
      'stop-at-job-end: true',
      'environment',
      'support-bundle: on-failure',
    ]) {
      expect(found).toContain(
        `${name} cannot go with plan: true: a plan starts, approves and stops nothing. Use it in the step that starts the pipeline.`,
      );
    }
    expect(problems({ 'pipeline-name': 'p', plan: 'true' })).toEqual([
      expect.stringMatching(/^plan: true needs sql-file/),
    ]);
    expect(problems({ 'pipeline-name': 'p', plan: 'true', 'sql-file': 'p.sql', 'runtime-version': 'v1 2' })).toEqual([
      expect.stringMatching(/^runtime-version "v1 2" is not a runtime version/),
    ]);
    expect(problems({ 'pipeline-name': 'p', 'runtime-version': 'v0.375.0' })).toEqual([
      expect.stringMatching(/^runtime-version goes with plan: true/),
    ]);
  });

  it('warns when a key would go over plain http to another host', () => {
    expect(
      read({ 'pipeline-name': 'p', 'api-url': 'http://feldera.internal:8080', 'api-key': 'k' }).warnings[0],
    ).toMatch(/plain http/);
    expect(read({ 'pipeline-name': 'p', 'api-url': 'http://127.0.0.1:8080', 'api-key': 'k' }).warnings).toEqual([]);
    expect(read({ 'pipeline-name': 'p', 'api-url': 'http://feldera.internal:8080' }).warnings).toEqual([]);
  });

  it.each([
    ['pipeline-name', '', /pipeline-name is empty/],
    ['pipeline-name', 'a/b', /pipeline-name "a\/b" must be 1 to 63/],
    ['pipeline-name', '..', /pipeline-name ".." must be/],
    ['pipeline-name', '-p', /pipeline-name "-p" must be/],
    ['pipeline-name', 'p_', /pipeline-name "p_" must be/],
    ['pipeline-name', 'x'.repeat(64), /must be 1 to 63/],
    ['api-url', 'ftp://feldera', /api-url "ftp:\/\/feldera" must be an http:\/\/ or https:\/\/ URL/],
    ['api-url', 'feldera:8080', /api-url "feldera:8080" must be an http/],
    ['api-url', 'https://user:pw@feldera', /must not hold a user or password/],
    ['api-url', 'ftp://user:secret@feldera', /^api-url must not hold a user or password; give the key in api-key\.$/],
    ['initial', 'started', /initial "started" is not one of running, paused, standby/],
    ['if-deployed', 'restart', /if-deployed "restart" is not one of converge, fail/],
    ['bootstrap-policy', 'ask', /bootstrap-policy "ask" is not one of allow, reject, await_approval/],
    ['auto-approve', 'yes', /auto-approve "yes" must be true or false/],
    ['dismiss-error', '1', /dismiss-error "1" must be true or false/],
    ['wait', 'no', /wait "no" must be true or false/],
    ['timeout', 'soon', /timeout "soon" is not a duration/],
    ['timeout', '0', /timeout "0" must be more than zero/],
    ['timeout', '-5s', /timeout "-5s" is not a duration/],
    ['timeout', '0s', /timeout "0s" must be more than zero/],
    ['poll-interval', '50ms', /poll-interval "50ms" is under the least of 100ms/],
    ['poll-interval', '1h', /poll-interval "1h" is longer than timeout/],
    ['request-timeout', '0ms', /request-timeout "0ms" must be more than zero/],
    ['request-timeout', '5 s', /request-timeout "5 s" is not a duration/],
    ['sql-file', '/etc/program.sql', /sql-file "\/etc\/program.sql" must be a path inside the repository/],
    ['sql-file', 'sql/../../x.sql', /sql-file "sql\/..\/..\/x.sql" must be a path inside the repository/],
    ['logs', 'sometimes', /logs "sometimes" is not one of on-failure, always, never/],
    ['silent-bootstrap', 'on', /silent-bootstrap "on" must be true or false/],
    ['concurrent-bootstrap', 'yes', /concurrent-bootstrap "yes" must be true or false/],
    ['support-bundle', 'sometimes', /^support-bundle "sometimes" is not one of never, on-failure, always\.$/],
    [
      'support-bundle-parts',
      'logs, secrets',
      /^support-bundle-parts "secrets" is not one of circuit_profile, heap_profile, metrics, logs, stats, pipeline_config, system_config, dataflow_graph, pipeline_events\.$/,
    ],
    ['support-bundle-parts', ',', /support-bundle-parts "," names no part/],
    [
      'support-bundle-retention-days',
      '0',
      /^support-bundle-retention-days "0" must be a whole number of days from 1 to 90\.$/,
    ],
    [
      'support-bundle-retention-days',
      '91',
      /support-bundle-retention-days "91" must be a whole number of days from 1 to 90/,
    ],
    ['support-bundle-retention-days', '7.5', /support-bundle-retention-days "7.5" must be a whole number/],
  ] as const)('refuses %s "%s"', (name, value, message) => {
    const found = problems({ [name]: value });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it("takes the support bundle inputs, the parts in Feldera's order", () => {
    const { config } = read({
      'pipeline-name': 'p',
      'support-bundle': 'On-Failure',
      'support-bundle-parts': 'logs,\n stats, circuit_profile',
      'support-bundle-retention-days': '90',
    });
    expect(config).toMatchObject({
      supportBundle: 'on-failure',
      supportBundleParts: ['circuit_profile', 'logs', 'stats'],
      supportBundleRetentionDays: 90,
    });
    expect(read({ 'pipeline-name': 'p', 'support-bundle-retention-days': '1' }).config.supportBundleRetentionDays).toBe(
      1,
    );
  });

  it('takes an ID token audience and a tenant, and refuses a key beside the audience', () => {
    expect(read({ 'pipeline-name': 'p', 'oidc-audience': 'feldera', tenant: 'acme' }).config).toMatchObject({
      oidcAudience: 'feldera',
      tenant: 'acme',
      apiKey: undefined,
    });
    // A key in the environment is not the credential when an ID token is asked for.
    expect(
      read({ 'pipeline-name': 'p', 'oidc-audience': 'feldera' }, { FELDERA_API_KEY: 'apikey:env' }).config.apiKey,
    ).toBeUndefined();
    expect(problems({ 'oidc-audience': 'feldera', 'api-key': 'apikey:k' })).toEqual([
      'api-key and oidc-audience are two credentials: give one of them.',
    ]);
  });

  it('takes silent-bootstrap or concurrent-bootstrap, and refuses both', () => {
    expect(read({ 'pipeline-name': 'p', 'silent-bootstrap': 'TRUE' }).config).toMatchObject({
      silentBootstrap: true,
      concurrentBootstrap: false,
    });
    expect(read({ 'pipeline-name': 'p', 'concurrent-bootstrap': 'true' }).config).toMatchObject({
      silentBootstrap: false,
      concurrentBootstrap: true,
    });
    expect(problems({ 'silent-bootstrap': 'true', 'concurrent-bootstrap': 'true' })).toEqual([
      'silent-bootstrap and concurrent-bootstrap cannot both be true: Feldera bootstraps with the output connectors off, or concurrently, not both.',
    ]);
  });

  it('takes FELDERA_OIDC_TOKEN_FILE when no credential input is given, and refuses it beside FELDERA_API_KEY', () => {
    const file = { FELDERA_OIDC_TOKEN_FILE: '/runner/temp/feldera-token-default' };
    expect(read({ 'pipeline-name': 'p' }, file).config).toMatchObject({
      oidcTokenFile: file.FELDERA_OIDC_TOKEN_FILE,
      apiKey: undefined,
      oidcAudience: undefined,
    });
    expect(read({ 'pipeline-name': 'p', 'api-url': 'http://feldera.internal' }, file).warnings[0]).toMatch(
      /plain http/,
    );
    // An explicit input chooses, silently.
    const both = { ...file, FELDERA_API_KEY: 'apikey:env' };
    expect(read({ 'pipeline-name': 'p', 'api-key': 'apikey:input' }, both).config).toMatchObject({
      apiKey: 'apikey:input',
      oidcTokenFile: undefined,
    });
    expect(read({ 'pipeline-name': 'p', 'oidc-audience': 'feldera' }, both).config).toMatchObject({
      oidcAudience: 'feldera',
      apiKey: undefined,
      oidcTokenFile: undefined,
    });
    expect(() => read({ 'pipeline-name': 'p' }, both)).toThrow(
      'FELDERA_OIDC_TOKEN_FILE and FELDERA_API_KEY are both set in the environment, two credentials: give api-key (or oidc-audience) to choose, or unset one of them.',
    );
  });

  it('reads reloadable-tables as names separated by newlines, commas or spaces, or as a JSON array, [] for none', () => {
    const tables = (value: string) =>
      read({ 'pipeline-name': 'p', 'bootstrap-policy': 'allow', 'reloadable-tables': value }).config.reloadableTables;
    expect(tables('orders')).toEqual(['orders']);
    expect(tables('orders,\n refunds  audit')).toEqual(['orders', 'refunds', 'audit']);
    expect(tables('["My Table", "orders"]')).toEqual(['My Table', 'orders']);
    expect(tables('[]')).toEqual([]);
    expect(read({ 'pipeline-name': 'p', 'bootstrap-policy': 'allow' }).config.reloadableTables).toBeUndefined();
    expect(problems({ 'bootstrap-policy': 'allow', 'reloadable-tables': '["orders", 3]' })).toEqual([
      'reloadable-tables "["orders", 3]" is not a JSON array of table names, such as ["orders", "My Table"]; or give the names separated by newlines, commas or spaces.',
    ]);
  });

  it('refuses reloadable-tables without bootstrap-policy allow, without waiting, or with auto-approve', () => {
    expect(problems({ 'reloadable-tables': 'orders' })).toEqual([
      'reloadable-tables needs bootstrap-policy: allow (not await_approval): it names the tables that an allowed bootstrap may reload.',
    ]);
    expect(
      problems({ 'bootstrap-policy': 'allow', 'reloadable-tables': '[]', wait: 'false', 'auto-approve': 'true' }),
    ).toEqual([
      'auto-approve: true needs wait: true; without waiting the step never sees AwaitingApproval to approve it.',
      'reloadable-tables needs wait: true: the step reads the changes while the pipeline awaits approval, and approves them then.',
      'reloadable-tables and auto-approve: true cannot go together: auto-approve approves whatever changed, reloadable-tables only a bootstrap that reloads the tables it names.',
    ]);
  });

  it('refuses auto-approve without waiting', () => {
    expect(problems({ 'auto-approve': 'true', wait: 'false' })).toEqual([
      'auto-approve: true needs wait: true; without waiting the step never sees AwaitingApproval to approve it.',
    ]);
  });

  it('takes several names, separated by newlines, commas or spaces, up to 50', () => {
    expect(read({ 'pipeline-name': ' orders,\nbilling  audit\n' }).config.pipelineNames).toEqual([
      'orders',
      'billing',
      'audit',
    ]);
    const names = (n: number) => Array.from({ length: n }, (_, i) => `p${i}`).join('\n');
    expect(read({ 'pipeline-name': names(MAX_PIPELINES) }).config.pipelineNames).toHaveLength(MAX_PIPELINES);
    expect(problems({ 'pipeline-name': names(MAX_PIPELINES + 1) })).toEqual([
      `pipeline-name names ${MAX_PIPELINES + 1} pipelines: at most ${MAX_PIPELINES} in one step.`,
    ]);
  });

  it('lists every problem at once', () => {
    const found = problems({ 'pipeline-name': '', initial: 'up', timeout: 'soon', 'auto-approve': 'yes' });
    expect(found).toHaveLength(4);
    expect(() => read({ initial: 'up' })).toThrow(/^Invalid input:\n- pipeline-name is empty.*\n- initial "up"/);
  });
});
