import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PipelineStatus } from '../src/feldera/types.ts';
import { PrefixedLog } from '../src/log/phase-log.ts';
import { heartbeatLine } from '../src/phases/pipeline-run.ts';
import { PipelineRun } from '../src/phases/run.ts';
import { Progress } from '../src/model/progress.ts';

const status = (deployment_status: string, program_status = 'Success'): PipelineStatus => ({
  name: 'p',
  program_status,
  deployment_status,
  deployment_status_since: '',
  deployment_desired_status: 'Running',
  deployment_error: null,
  deployment_id: null,
});

describe('Progress', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['performance'] }));
  afterEach(() => vi.useRealTimers());

  it('logs a line per change, and a heartbeat every 30 s while nothing changes', () => {
    const lines: string[] = [];
    const progress = new Progress((line) => lines.push(line));
    progress.observe(status('Stopped', 'CompilingRust'));
    vi.advanceTimersByTime(2000);
    progress.observe(status('Provisioning'));
    for (let second = 0; second < 95; second++) {
      vi.advanceTimersByTime(1000);
      progress.observe(status('Bootstrapping'));
    }
    expect(lines).toEqual([
      '[0s] Stopped (desired Running, program CompilingRust)',
      '[2s] Provisioning (desired Running)',
      '[3s] Bootstrapping (desired Running)',
      '[33s] still Bootstrapping for 30s',
      '[1m3s] still Bootstrapping for 1m',
      '[1m33s] still Bootstrapping for 1m30s',
    ]);
  });

  it('keeps a timeline of the statuses, when each began and ended', () => {
    const progress = new Progress(() => undefined);
    progress.observe(status('Provisioning'));
    vi.advanceTimersByTime(1500);
    progress.observe(status('Provisioning'));
    vi.advanceTimersByTime(500);
    progress.observe(status('Running'));
    expect(progress.timeline).toEqual([
      { status: 'Provisioning', of: 'deployment', beganMs: 0, endedMs: 2000 },
      { status: 'Running', of: 'deployment', beganMs: 2000, endedMs: undefined },
    ]);
    expect(progress.provisioned).toBe(true);
    expect(progress.describeLast()).toBe('Running for 0s');
  });

  it('names the program status while the pipeline is Stopped and its program is not compiled', () => {
    const lines: string[] = [];
    const progress = new Progress((line) => lines.push(line));
    progress.observe(status('Stopped', 'CompilingSql'));
    vi.advanceTimersByTime(1000);
    progress.observe(status('Stopped', 'CompilingRust'));
    vi.advanceTimersByTime(30_000);
    progress.observe(status('Stopped', 'CompilingRust'));
    expect(progress.describeLast()).toBe('the program is still compiling: CompilingRust for 30s');
    expect(lines.at(-1)).toBe('[31s] the program is still compiling: CompilingRust for 30s');
    expect(progress.provisioned).toBe(false);
    progress.observe(status('Stopped', 'SqlError'));
    progress.observe(status('Provisioning'));
    expect(progress.timeline.map(({ status, of }) => `${of} ${status}`)).toEqual([
      'program CompilingSql',
      'program CompilingRust',
      'program SqlError',
      'deployment Provisioning',
    ]);
    expect(progress.provisioned).toBe(true);
  });

  it('with several pipelines, leaves the heartbeat to one line for all, and prefixes each pipeline’s lines', () => {
    const lines: string[] = [];
    const writer = {
      debug: () => undefined,
      isDebug: () => false,
      info: (line: string) => lines.push(line),
      warning: () => undefined,
      startGroup: () => undefined,
      endGroup: () => undefined,
    };
    const runs = ['orders', 'billing'].map(
      (name) => new PipelineRun(name, new URL('https://feldera.example.com/'), new PrefixedLog(writer, name), false),
    );
    runs[0]!.progress.observe(status('Bootstrapping'));
    runs[1]!.progress.observe(status('Provisioning'));
    vi.advanceTimersByTime(120_000);
    runs[1]!.progress.observe(status('Running'));
    vi.advanceTimersByTime(5000);
    runs[0]!.progress.observe(status('Bootstrapping'));
    expect(lines).toEqual([
      '[orders] [0s] Bootstrapping (desired Running)',
      '[billing] [0s] Provisioning (desired Running)',
      '[billing] [2m] Running (desired Running)',
    ]);
    expect(heartbeatLine(runs, 125_000)).toBe('[2m5s] orders Bootstrapping for 2m5s, billing Running for 5s');
  });
});
