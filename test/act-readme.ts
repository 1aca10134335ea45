// `node test/act-readme.ts [README.md]` (script/act-readme installs act and calls it): every README
// workflow of this action that needs nothing remote runs under act, offline, on this host, against a
// fake Feldera; the others are checked for their YAML and expressions only.
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fakeFromArgs } from './fake/cli.ts';
import { FakeFeldera } from './fake-feldera.ts';
import { currentFor, FakeOidc } from './fake-oidc.ts';
import { PROPOSED } from './fixtures.ts';
import { ACTION, events, expressionProblems, readActionOutputs, type Workflow, workflowsIn } from './act/workflows.ts';

/** What a README recipe shows, by its `name:`: the fake's case, the result, outputs echoed, annotation titles. */
interface Expectation {
  /** Options of `node test/fake-feldera.ts` (test/fake/cli.ts); the pipelines are the ones the workflow names. */
  fake?: string[];
  /** Each job's result, by job id; a job not listed must succeed. */
  jobs?: Record<string, 'succeeded' | 'failed' | 'skipped'>;
  /** Values the later steps echo as `key=${{ … }}`, by key (a RegExp or the exact value). */
  echoed?: Record<string, string | RegExp>;
  /** Lines the run steps print (after act's `[workflow/job]   | `): the exact line, or a RegExp one must match. */
  shows?: (string | RegExp)[];
  /** Titles of annotations the log must hold. */
  titles?: string[];
}

const EXPECTED: Record<string, Expectation> = {
  'Start a pipeline': { echoed: { status: 'Running' } },
  'Approval gate': {
    fake: ['--approval'],
    echoed: { 'awaiting-approval': 'true', status: /^(AwaitingApproval|Running)$/ },
    titles: ['Feldera pipeline orders awaits approval'],
  },
  'Plan and release': { fake: ['--approval'] },
  'Several pipelines': {
    echoed: { 'error-code': '' },
    shows: [/^results=.*"orders":\{"status":"Running"/, /^results=.*"billing":\{"status":"Running"/],
  },
  'Health gate': {
    fake: ['--connector-fails'],
    jobs: { '*': 'failed' },
    titles: ['Feldera pipeline orders did not start'],
  },
  'Keyless OIDC': { echoed: { status: 'Running' } },
  'Integration tests': {},
  'Release a program change': { fake: ['--edition', 'enterprise'], echoed: { 'program-change': 'updated' } },
};

const root = resolve(import.meta.dirname, '..');
const readme = resolve(process.argv[2] ?? join(root, 'README.md'));
const act = process.env.ACT ?? 'act';
const outputs = readActionOutputs(root);
const workflows = workflowsIn(readFileSync(readme, 'utf8'));
if (workflows.length === 0) throw new Error(`${readme} has no workflow that uses ${ACTION}`);

const failures: { workflow: Workflow; problem: string }[] = [];
const ran: string[] = [];
const checked: string[] = [];
for (const workflow of workflows) {
  const problems = expressionProblems(workflow, outputs);
  for (const problem of problems) failures.push({ workflow, problem });
  if (workflow.remote.length > 0)
    checked.push(`${workflow.name} (line ${workflow.line}): ${workflow.remote.join('; ')}`);
}
const runnable = workflows.filter(({ remote }) => remote.length === 0);

const temp = mkdtempSync(join(tmpdir(), 'act-readme-'));
const repo = join(temp, 'repo');
// act's logs, kept after the run for a look.
const logs = join(tmpdir(), 'act-readme-logs');
rmSync(logs, { recursive: true, force: true });
mkdirSync(logs);
const started = performance.now();
if (runnable.length > 0) copyRepository(repo);
// Three at a time: each mostly waits on its fake's scripted phases (a health window of a minute, say).
const queue = [...runnable];
await Promise.all(
  [1, 2, 3].map(async () => {
    for (let workflow = queue.shift(); workflow; workflow = queue.shift()) {
      const began = performance.now();
      const result = await runOne(workflow);
      const seconds = ((performance.now() - began) / 1000).toFixed(1);
      if (result.length === 0) ran.push(`${workflow.name} (line ${workflow.line}, ${seconds}s)`);
      for (const problem of result) failures.push({ workflow, problem });
    }
  }),
);
rmSync(temp, { recursive: true, force: true });

console.log(`\nact's logs: ${logs}`);
console.log(`Ran under act (${((performance.now() - started) / 1000).toFixed(0)}s):`);
for (const name of ran) console.log(`  ✓ ${name}`);
console.log('Checked for YAML and expressions only:');
for (const name of checked) console.log(`  - ${name}`);
if (failures.length > 0) {
  console.error(`\n${failures.length} problem(s):`);
  for (const { workflow, problem } of failures)
    console.error(`  ✗ ${workflow.name} (line ${workflow.line} of ${readme}): ${problem}`);
}
const failed = new Set(failures.map(({ workflow }) => workflow));
// The plain closing line CI reads: each workflow, run or only checked, passed or failed.
// Not the plain "N passed, N failed" line: the test runner's count, printed before, is CI's closing line.
console.log(`act-readme: ${workflows.length - failed.size} of ${workflows.length} README workflows passed`);
process.exitCode = failures.length > 0 ? 1 : 0;

/** The repository's files (tracked and new, not ignored), with dist/ built from them. */
function copyRepository(to: string): void {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file !== '' && !file.startsWith('dist/') && existsSync(join(root, file)));
  for (const file of files) {
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(join(root, file), join(to, file));
  }
  symlinkSync(join(root, 'node_modules'), join(to, 'node_modules'));
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: to, stdio: ['ignore', 'ignore', 'inherit'] });
  // act copies the working tree for each job: without node_modules that takes a moment, not a minute.
  rmSync(join(to, 'node_modules'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=act-readme', '-c', 'user.email=act@localhost', ...args], {
      cwd: to,
      stdio: 'ignore',
    });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'The repository, for act');
}

/** Runs one workflow under act against its own fake; what went wrong, if anything. */
async function runOne(workflow: Workflow): Promise<string[]> {
  const expected = EXPECTED[workflow.name] ?? {};
  if (workflow.hasName && !(workflow.name in EXPECTED))
    return [`no expectation for the workflow named ${workflow.name}`];
  const key = `apikey:act-readme-${process.pid}`;
  const names = pipelineNames(workflow);
  const asked = fakeFromArgs([...(expected.fake ?? []), '--pipelines', names.join(','), '--api-key', key]);
  if ('help' in asked) throw new Error('unreachable: no --help given');
  const oidcAudience = oidcAudienceOf(workflow);
  const oidc = oidcAudience === undefined ? undefined : await FakeOidc.start();
  if (oidcAudience !== undefined) asked.options.acceptToken = currentFor(oidcAudience);
  const fake = await FakeFeldera.start(asked.options);
  try {
    const file = join('.github', 'workflows', `${workflow.slug}.yml`);
    // A block without `on:` (a README fragment from `jobs:` on) runs on push, as GitHub needs an `on:`.
    const text = asWritten(workflow.text, fake.url);
    writeFileSync(join(repo, file), /^on:/m.test(workflow.text) ? text : `on: push\n${text}`);
    for (const path of sqlFiles(workflow))
      if (!existsSync(join(repo, path))) {
        mkdirSync(dirname(join(repo, path)), { recursive: true });
        writeFileSync(join(repo, path), PROPOSED);
      }
    const event = events(workflow.on).find((name) => ['push', 'pull_request', 'workflow_dispatch'].includes(name));
    if (!event)
      return [`act runs push, pull_request or workflow_dispatch here; its on: has ${events(workflow.on).join(', ')}`];
    const bin = join(temp, `bin-${workflow.slug}`);
    standInForNpm(bin, fake.url, key, names);
    const eventFile = join(temp, `${workflow.slug}.json`);
    writeFileSync(eventFile, JSON.stringify(eventPayload(event)));
    const env = { ...(oidc?.env() ?? {}), FELDERA_HOST: fake.url };
    const args = [
      event,
      '-W',
      file,
      '-e',
      eventFile,
      // On this host, no Docker; no image pulls, no action downloads, no cache server.
      '-P',
      'ubuntu-latest=-self-hosted',
      '--pull=false',
      '--action-offline-mode',
      '--no-cache-server',
      '--local-repository',
      `${ACTION}=${repo}`,
      '--secret',
      `FELDERA_API_KEY=${key}`,
      ...Object.entries(env).flatMap(([name, value]) => ['--env', `${name}=${value}`]),
    ];
    const log = await runAct(args, bin, join(temp, `home-${workflow.slug}`));
    const kept = join(logs, `${workflow.slug}.log`);
    writeFileSync(kept, log);
    const problems = judge(workflow, expected, log, fake);
    if (problems.length > 0) problems.push(`act's log: ${kept}`);
    return problems;
  } finally {
    await fake.close();
    await oidc?.close();
  }
}

/**
 * An `npm` first on the PATH of the run steps: `npm ci` and `npm run`/`npm test` of a script this repository
 * lacks are the README reader's own project, which is not here; in their place it checks that every pipeline
 * is Running, what those tests would need. Anything else goes to npm.
 */
function standInForNpm(bin: string, url: string, key: string, names: string[]): void {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: object };
  const check = `
    for (const name of ${JSON.stringify(names)}) {
      const answer = await fetch(${JSON.stringify(url)} + '/v0/pipelines/' + name + '?selector=status', {
        headers: { authorization: 'Bearer ${key}' },
      });
      const { deployment_status: status } = await answer.json();
      console.log('act-readme: ' + name + ' is ' + status + ' while the tests would run');
      if (status !== 'Running') process.exit(1);
    }`;
  mkdirSync(bin, { recursive: true });
  const npm = execFileSync('bash', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim();
  const own = Object.keys(scripts).map((script) => `|"run ${script}"`);
  writeFileSync(
    join(bin, 'npm'),
    [
      '#!/usr/bin/env bash',
      "# act-readme: a stand-in for the README project's own npm ci and tests (test/act-readme.ts).",
      'case "$1 $2" in',
      `  "ci "*|"install "*) echo "act-readme: npm $* stands for the README project's own; skipped"; exit 0 ;;`,
      `  "run "${own.join('')}) ;;`,
      `  "run "*|"test "*) exec node --input-type=module -e ${shellQuote(check)} ;;`,
      'esac',
      `exec ${shellQuote(npm)} "$@"`,
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * The workflow as the README has it, but for the address of the fake. `uses: feldera-actions/start-pipeline@v1`
 * stays: act's --local-repository serves it from the copy (`uses: ./` would need a checkout before it, as on GitHub).
 */
function asWritten(text: string, url: string): string {
  return text.replace(/^(\s+api-url:).*$/gm, `$1 ${url}`).replace(/^(\s+FELDERA_HOST:).*$/gm, `$1 ${url}`);
}

function actionSteps(workflow: Workflow) {
  return Object.values(workflow.jobs).flatMap((job) => (job.steps ?? []).filter((step) => step.uses === ACTION));
}

function pipelineNames(workflow: Workflow): string[] {
  const names = actionSteps(workflow).flatMap((step) =>
    text(step.with?.['pipeline-name'])
      .split(/[\s,]+/)
      .filter((name) => name !== '' && !name.includes('${{')),
  );
  return names.length > 0 ? [...new Set(names)] : ['example'];
}

/** A scalar input as the runner passes it: a string. */
function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

function oidcAudienceOf(workflow: Workflow): string | undefined {
  const step = actionSteps(workflow).find((step) => step.with?.['oidc-audience'] !== undefined);
  return step ? text(step.with?.['oidc-audience']) : undefined;
}

function sqlFiles(workflow: Workflow): string[] {
  return actionSteps(workflow)
    .map((step) => step.with?.['sql-file'])
    .filter((path): path is string => typeof path === 'string' && !path.includes('${{'));
}

function eventPayload(event: string): object {
  const repository = { name: 'pipelines', full_name: 'acme/pipelines', owner: { login: 'acme' } };
  if (event === 'pull_request')
    return {
      number: 1,
      repository,
      pull_request: { number: 1, head: { ref: 'change', sha: '0'.repeat(40) }, base: { ref: 'main' } },
    };
  if (event === 'workflow_dispatch') return { repository, inputs: {} };
  return { ref: 'refs/heads/main', repository };
}

function runAct(args: string[], bin: string, home: string): Promise<string> {
  return new Promise((done, failed) => {
    // act's own config and caches in a home of its own, outside the repository it copies.
    const child = spawn(act, args, {
      cwd: repo,
      env: {
        ...process.env,
        HOME: home,
        XDG_CONFIG_HOME: join(home, '.config'),
        PATH: `${bin}:${process.env.PATH ?? ''}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('error', failed);
    child.on('close', () => {
      clearTimeout(timer);
      done(log);
    });
  });
}

/** What the log and the fake's record say against what the README says the workflow shows. */
function judge(workflow: Workflow, expected: Expectation, log: string, fake: FakeFeldera): string[] {
  const problems: string[] = [];
  const results = new Map<string, string>();
  for (const match of log.matchAll(/^\[[^\]]*\/([^\]]+)\]\s+🏁\s+Job (succeeded|failed)/gmu))
    results.set(match[1]!.trim(), match[2]!);
  for (const [id, job] of Object.entries(workflow.jobs)) {
    const want = expected.jobs?.[id] ?? expected.jobs?.['*'] ?? 'succeeded';
    const got = results.get(id) ?? 'skipped';
    // Without the recipe's expectations (no name), a job under an `if:` may be skipped.
    const lenient = !workflow.hasName && job.if !== undefined && got === 'skipped' && want === 'succeeded';
    if (got !== want && !lenient) problems.push(`job ${id} ${got}, expected ${want}`);
  }
  if (/Unable to clone|failed to fetch|Error response from daemon|pull access/i.test(log))
    problems.push('act tried to download something');
  // Each `key=${{ steps.x.outputs.y }}` or `key=${{ needs.x.outputs.y }}` that a run step echoes.
  for (const match of workflow.text.matchAll(/([\w-]+)=\$\{\{\s*(?:steps|needs)\.[\w-]+\.outputs\.([\w-]+)\s*\}\}/g)) {
    const [, key] = match;
    const values = [...log.matchAll(new RegExp(`^\\[[^\\]]*\\]\\s+\\| ${escape(key!)}=(.*)$`, 'gm'))].map((m) => m[1]!);
    const want = expected.echoed?.[key!];
    if (values.length === 0) problems.push(`no step echoed ${key}=`);
    else if (want !== '' && values.some((value) => value.trim() === '')) problems.push(`${key}= was echoed empty`);
    else if (
      want !== undefined &&
      !values.some((value) => (typeof want === 'string' ? value === want : want.test(value)))
    )
      problems.push(`${key} was ${values.join(', ')}, expected ${String(want)}`);
  }
  for (const [key] of Object.entries(expected.echoed ?? {}))
    if (!new RegExp(`${escape(key)}=\\$\\{\\{`).test(workflow.text)) problems.push(`the workflow echoes no ${key}=`);
  const printed = new Set([...log.matchAll(/^\[[^\]]*\]\s+\| (.*)$/gm)].map((m) => m[1]!));
  for (const line of expected.shows ?? []) {
    const shown =
      typeof line === 'string' ? printed.has(line) : [...printed].some((printedLine) => line.test(printedLine));
    if (!shown) problems.push(`no step printed ${String(line)}`);
  }
  const titles = [...log.matchAll(/::(?:error|warning|notice) [^\n]*?title=([^,:\n]*)/g)].map((m) =>
    decodeURIComponent(m[1]!),
  );
  for (const title of expected.titles ?? [])
    if (!titles.includes(title))
      problems.push(`no annotation titled ${title}; titles: ${titles.join(' | ') || 'none'}`);
  if (/stop-at-job-end:\s*true/.test(workflow.text)) {
    if (!/⭐ Run Post /.test(log)) problems.push('no post step ran, with stop-at-job-end: true');
    if (!fake.requests.some(({ method, path }) => method === 'POST' && path.endsWith('/stop')))
      problems.push('the post step did not stop the pipeline, with stop-at-job-end: true');
  }
  return problems;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
