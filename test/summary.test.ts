// The job summary as GitHub renders it (GitHub Flavored Markdown, here by micromark with its GFM
// extension): server text stays text, and the whole stays under GitHub's size limit.
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '../src/phases/diagnose.ts';
import { deploymentErrorHint } from '../src/model/hints.ts';
import type { Outcome } from '../src/model/outcome.ts';
import { Progress } from '../src/model/progress.ts';
import { noHealth } from '../src/phases/health-window.ts';
import { inline } from '../src/text/markdown.ts';
import { severalSummary } from '../src/report/several.ts';
import { SUMMARY_LIMIT_BYTES, summaryMarkdown, type SummaryFacts } from '../src/report/summary.ts';
import { controllerStatus } from '../src/feldera/stats.ts';
import { endpointsOf } from '../src/model/endpoints.ts';
import { controllerStatusBody, inputEndpoint, pipelineDiff } from './fixtures.ts';

/** GitHub lets raw HTML through (sanitised): so does this, so that injected HTML would show. */
const render = (markdown: string) =>
  micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
const html = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** What the reader must see: the text itself, its line breaks as the action writes them. */
const shown = (text: string) => html(text).replace(/\r\n|\r|\n/g, '<br>');

const HOSTILE = [
  '<img src=x onerror=alert(1)> <script>alert(1)</script> <!-- hidden -->',
  '[click me](/evil) ![pixel](/p.png) [ref] [^1] [x]: /evil',
  '**bold** *em* _em_ __strong__ ~~gone~~ ~one~ `code` ``double``',
  'a | b || c \\| d',
  '&amp; &#60; &lt; &copy',
  'back\\slash \\* \\_ \\',
  'line one\nline two\r\nthree\rfour',
  '# not a heading',
  '- not a list',
  '> not a quote',
  '1. not a list',
  'a heading ends here #',
  'snake_case_name __dunder__ _leading trailing_ mid_ _x é_x_é',
  '<b>bold</b> <a href="/x">x</a> a < b > c',
  '$x^2$ and $$y$$ costs $5',
  'naïve ✅ 🚀',
];

describe('server text in the summary', () => {
  it.each(HOSTILE)('renders as the text itself in a heading, a list item and a table cell: %s', (text) => {
    const heading = render(`### ❌ p did not start: ${inline(text, 1000)}`);
    expect(heading).toBe(`<h3>❌ p did not start: ${shown(text)}</h3>`);
    const item = render(`- **Error**: ${inline(text, 1000)}`);
    expect(item).toBe(`<ul>\n<li><strong>Error</strong>: ${shown(text)}</li>\n</ul>`);
    const cell = render(`| Names |\n| --- |\n| ${inline(text, 1000)} |`);
    expect(cell).toContain(`<td>${shown(text)}</td>`);
  });

  it('makes no link that hides its address: a bare address is at most a link to itself', () => {
    const text =
      'see https://evil.example/a_b?c=1&d=2#e and www.evil.example or admin@evil.example, <https://evil.example/x>';
    const rendered = render(`- **Error**: ${inline(text, 1000)}`);
    const links = [...rendered.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)];
    expect(links.length).toBeGreaterThan(0);
    for (const [, href = '', label = ''] of links) {
      const text = label.replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      expect([text, `http://${text}`, `mailto:${text}`]).toContain(decodeURI(href.replace(/&amp;/g, '&')));
    }
    expect(rendered.replace(/<\/?a\b[^>]*>/g, '')).toBe(`<ul>\n<li><strong>Error</strong>: ${html(text)}</li>\n</ul>`);
  });

  it('escapes a `_` only where it could start or end emphasis: names stay as they are', () => {
    expect(inline('daily_totals', 100)).toBe('daily_totals');
    expect(inline('_private_', 100)).toBe('\\_private\\_');
    expect(inline('a'.repeat(20), 10)).toBe(`${'a'.repeat(9)}…`);
  });
});

const status = (deployment_status: string) => ({
  name: 'p',
  program_status: 'Success',
  deployment_status,
  deployment_status_since: '',
  deployment_desired_status: 'Stopped',
  deployment_error: null,
  deployment_id: null,
});

function facts(
  outcome: Outcome,
  diagnosis: Diagnosis = { problems: [] },
  progress = new Progress(() => undefined),
): SummaryFacts {
  return {
    pipelineName: 'orders',
    pipelineUrl: 'https://feldera.example.com/pipelines/orders/',
    target: 'Running',
    outcome,
    progress,
    diagnosis,
    credential: 'API key',
    health: noHealth(),
    stopped: false,
    unannotated: [],
  };
}

describe('the summary', () => {
  it('stays under GitHub’s limit whatever the server sent, saying how much it left out', () => {
    const progress = new Progress(() => undefined);
    // Thousands of long names, each `_` one that must be escaped.
    const names = (kind: string) => Array.from({ length: 15_000 }, (_, i) => `_${kind}_${'x'.repeat(180)}_${i}_`);
    const approval_diff = pipelineDiff({
      program: { added_tables: names('t'), modified_views: names('v'), removed_views: names('r') },
      connectors: { added_input_connectors: names('i'), modified_output_connectors: names('o') },
    });
    progress.observe({ ...status('AwaitingApproval'), approval_diff });
    for (let i = 1; i < 20_000; i++) progress.observe(status(i % 2 ? 'Unavailable' : 'Running'));
    const line = '│<'.repeat(500);
    const snippet = Array.from({ length: 500 }, () => '*'.repeat(1000)).join('\n');
    const diagnosis: Diagnosis = {
      problems: [],
      compilation: {
        annotations: Array.from({ length: 5000 }, (_, i) => ({
          level: 'error' as const,
          title: 'SQL error',
          message: `${'`'.repeat(4000)} ${i}\n${snippet}`,
        })),
        firstError: 'x',
        excerpt: Array.from({ length: 20_000 }, () => '✅'.repeat(1000)).join('\n'),
      },
      logTail: { lines: Array.from({ length: 200_000 }, (_, i) => `${i} ${line}`), truncated: true },
    };
    const outcome: Outcome = {
      result: 'failed',
      code: `Code_${'x'.repeat(10_000)}`,
      message: '<'.repeat(1_000_000),
      hint: '_'.repeat(1_000_000),
    };
    // The most endpoints Feldera's statistics are read for, each with the longest names and errors.
    const health = noHealth();
    const endpoint = (i: number) =>
      inputEndpoint(`${'e'.repeat(5000)}${i}`, 's'.repeat(5000), {
        fatal_error: '|'.repeat(5000),
        health: { status: 'Unhealthy', description: '<'.repeat(5000) },
      });
    health.last = controllerStatus(
      controllerStatusBody({ inputs: Array.from({ length: 1000 }, (_, i) => endpoint(i)) }),
      [],
    );
    const problems = Array.from({ length: 5000 }, () => ({
      endpoint: endpointsOf(health.last!)[0]!,
      code: 'ConnectorErrors' as const,
      fails: false,
      message: '*'.repeat(5000),
    }));
    const markdown = summaryMarkdown({
      ...facts(outcome, diagnosis, progress),
      pipelineName: 'n'.repeat(100_000),
      credential: '&'.repeat(100_000),
      approval: { approved: true, approvedBy: 'auto-approve: true', notExpected: undefined },
      health,
      unannotated: problems,
    });

    expect(Buffer.byteLength(markdown)).toBeLessThan(SUMMARY_LIMIT_BYTES);
    expect(markdown).toMatch(/^\| tables added \| \\_t_x+_0\\_, .*, …and [\d,]+ more \|$/m);
    expect(markdown).toMatch(/^- …and [\d,]+ more$/m);
    expect(markdown).toMatch(/^…and [\d,]+ more lines$/m);
    expect(markdown).toMatch(/^\| … \| 19,960 more changes \| {2}\|$/m);
    // The tail is the end of the log.
    expect(markdown).toMatch(/#### Pipeline log \(last \d+ lines\)/);
    expect(markdown).toContain('\n199999 │<');
    // It still renders: one table per part, every fence closed.
    const rendered = render(markdown);
    expect(rendered.match(/<table>/g)).toHaveLength(3);
    expect(rendered.match(/<h\d>/g)).toEqual(['<h3>', '<h4>', '<h4>', '<h4>', '<h4>', '<h4>']);
    expect(rendered).not.toMatch(/<(img|script)\b/);
  });

  it('of several pipelines stays under GitHub’s limit: each pipeline’s details shortened, never the table', () => {
    const big = (i: number): SummaryFacts => {
      const progress = new Progress(() => undefined);
      const approval_diff = pipelineDiff({
        program: { added_tables: Array.from({ length: 2000 }, (_, j) => `t${j}_${'x'.repeat(100)}`) },
      });
      progress.observe({ ...status('AwaitingApproval'), approval_diff });
      progress.observe(status('Stopped'));
      const diagnosis: Diagnosis = {
        problems: [],
        logTail: { lines: Array.from({ length: 400 }, (_, j) => `${j} ${'<'.repeat(900)}`), truncated: true },
      };
      const outcome: Outcome = { result: 'failed', code: 'RunnerCheckError', message: 'm'.repeat(3000), hint: 'h' };
      return { ...facts(outcome, diagnosis, progress), pipelineName: `pipeline${i}` };
    };
    const runs = Array.from({ length: 50 }, (_, i) => big(i));
    expect(Buffer.byteLength(summaryMarkdown(runs[0]!))).toBeGreaterThan(300_000);
    const markdown = severalSummary(runs, 60_000);
    expect(Buffer.byteLength(markdown)).toBeLessThan(SUMMARY_LIMIT_BYTES);
    expect(markdown.match(/^\| \[pipeline\d+\]\(https:[^)]+\) \| Running \| ❌ failed \|/gm)).toHaveLength(50);
    expect(markdown).toContain("more parts, left out to keep the summary under GitHub's limit");
    const rendered = render(markdown);
    expect(rendered.match(/<details>/g)).toHaveLength(50);
    expect(rendered.match(/<\/details>/g)).toHaveLength(50);
  });

  it('keeps a compiler message’s snippet inside its block, whatever line endings it has', () => {
    const message = 'Bad: no\r```\r# Injected heading\r\n```````\n<img src=x>';
    const markdown = summaryMarkdown(
      facts(
        { result: 'failed', code: 'StartFailedDueToFailedCompilation', message: 'm' },
        {
          problems: [],
          compilation: {
            annotations: [{ level: 'error', title: 't', message }],
            firstError: undefined,
            excerpt: undefined,
          },
        },
      ),
    );
    const rendered = render(markdown);
    expect(rendered).not.toMatch(/<(img|h1)\b/);
    expect(rendered).toContain('# Injected heading');
  });

  it('shows Feldera’s events as the statuses: each by its clock, a blip only in its events marked, the error in its row', () => {
    const progress = new Progress(() => undefined);
    progress.observe(status('Stopped'));
    progress.observe(status('Provisioning'));
    progress.observe(status('Running'));
    const start = progress.startedAtEpochMs;
    const at = (status: string, sinceStartMs: number, deployment_has_error = false) => ({
      recordedAt: start + sinceStartMs,
      deployment_status: status,
      program_status: 'Success',
      deployment_has_error,
    });
    // Newest first, as Feldera lists them; a hostile status is text.
    const events = [
      at('Running', 4000, true),
      at('Running', 3250),
      at('<img src=x onerror=alert(1)>|', 2000),
      at('Provisioning', 1000),
      at('Stopped', -1000),
    ];
    const markdown = summaryMarkdown(facts({ result: 'reached' }, { problems: [], events }, progress));
    const [table, note] = markdown.split('#### Statuses seen\n\n')[1]!.split('\n\n');
    const utc = (sinceStartMs: number) => `${new Date(start + sinceStartMs).toISOString().slice(11, 21)} UTC`;
    expect(table!.split('\n')).toEqual([
      '| Status | Began | Lasted |',
      '| --- | --- | --- |',
      `| Stopped | ${utc(-1000)} | 2s |`,
      `| Provisioning | ${utc(1000)} | 1s |`,
      `| \\<img src=x onerror=alert(1)>\\| (only in Feldera's events) | ${utc(2000)} | 1.3s |`,
      `| Running (deployment error at ${utc(4000)}) | ${utc(3250)} | until the step ended |`,
    ]);
    expect(note).toBe(`By Feldera's clock, from its events. The step started at ${utc(0)} by the runner's clock.`);
    expect(render(markdown)).not.toMatch(/<img\b/);
  });

  it('keeps the timeline with events to its rows, whatever Feldera and the step saw', () => {
    const progress = new Progress(() => undefined);
    for (let i = 1; i < 20_000; i++) progress.observe(status(i % 2 ? 'Unavailable' : 'Running'));
    const events = Array.from({ length: 720 }, (_, i) => ({
      recordedAt: progress.startedAtEpochMs + (720 - i) * 1000,
      deployment_status: `S${i % 3}${'_'.repeat(500)}`,
      program_status: 'Success',
      deployment_has_error: false,
    }));
    const markdown = summaryMarkdown(facts({ result: 'reached' }, { problems: [], events }, progress));
    const table = markdown.split('#### Statuses seen\n\n')[1]!.split('\n\n')[0]!.split('\n');
    expect(table).toHaveLength(2 + 40 + 1);
    expect(table[22]).toBe('| … | 681 more changes |  |');
    expect(Math.max(...table.map((row) => row.length))).toBeLessThan(1000);
  });

  it('says the log was empty when a read found nothing', () => {
    const markdown = summaryMarkdown(
      facts(
        { result: 'failed', code: 'RunnerCheckError', message: 'm' },
        { problems: [], logTail: { lines: [], truncated: false } },
      ),
    );
    expect(markdown).toContain("#### Pipeline log\n\nThe pipeline's log was empty.\n");
  });

  it('has the credential in a footer line, and the facts as a list with no empty header', () => {
    const markdown = summaryMarkdown(facts({ result: 'reached' }));
    expect(markdown.split('\n\n')[1]).toMatch(
      /^- \*\*Console\*\*: \[orders\]\(https:\/\/feldera\.example\.com\/pipelines\/orders\/\)\n- \*\*Elapsed\*\*: [\d.]+s$/,
    );
    expect(markdown).toMatch(/\n\n<sub>Credential: API key<\/sub>\n$/);
    expect(markdown).not.toContain('|  |');
  });
});

describe('hints for a deployment error', () => {
  it.each([
    ['RunnerCheckError', /process or storage failed/],
    ['InitializationError', /connector .*bootstrap-policy: reject/],
    ['AutomatonProvisioningTimeout', /provisioning_timeout_secs/],
    ['RunnerProvisionError', /resources config/],
    ['AutomatonInvalidRuntimeConfig', /runtime_config/],
    ['AutomatonCannotProvisionUnsupportedPlatformVersion', /fda update-runtime/],
    ['StartFailedDueToFailedCompilation', /fix it/],
    ['RuntimeError.WorkerPanic', /pipeline's log says why/],
  ])('%s has one', (code, hint) => {
    expect(deploymentErrorHint(code)).toMatch(hint);
  });
});
