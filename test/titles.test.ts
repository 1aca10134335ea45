// Titles, headings and joined messages read as text (issue 31): names listed as a reader says them,
// a plan's failure titled as a plan's, every warning titled, every part of a message its own sentence.
import { describe, expect, it } from 'vitest';
import { endToEnd } from './harness.ts';
import { PhaseLog, type LogWriter } from '../src/log/phase-log.ts';
import { PipelineRun, recordOf } from '../src/phases/run.ts';
import { statedOutcome } from '../src/report/statement.ts';
import { pipelineLabel, readableNames } from '../src/text/text.ts';

const { fake, inputs, act } = endToEnd();

describe('names in titles and headings', () => {
  it('lists several names as a reader says them, from either form of the input', () => {
    expect(pipelineLabel('orders')).toBe('Feldera pipeline orders');
    expect(pipelineLabel('example\norders\nbroken')).toBe('Feldera pipelines example, orders and broken');
    expect(pipelineLabel('a, b')).toBe('Feldera pipelines a and b');
    expect(readableNames('')).toBe('(no name)');
  });

  it('titles an invalid input of several pipelines with their names, and its summary heading has no <br>', async () => {
    const server = await fake([]);
    const run = await act(inputs(server, { 'pipeline-name': 'example\norders\nbroken', initial: 'nope' }));
    expect(run.outputs['error-code']).toBe('InvalidInput');
    const [error] = run.annotations.filter((annotation) => annotation.level === 'error');
    expect(error?.properties).toBe('title=Feldera pipelines example%2C orders and broken did not start');
    expect(run.summary).toMatch(/^### ❌ example, orders and broken did not start: InvalidInput$/m);
    expect(run.summary.split('\n')[0]).not.toContain('<br>');
  });

  it('titles an invalid input with plan: true as a plan that could not be made', async () => {
    const server = await fake([]);
    const run = await act(inputs(server, { plan: 'true' }));
    expect(run.outputs['error-code']).toBe('InvalidInput');
    const [error] = run.annotations.filter((annotation) => annotation.level === 'error');
    expect(error?.properties).toBe('title=Feldera pipeline p could not be planned');
    expect(run.summary).toContain('### ❌ p could not be planned: InvalidInput');
  });
});

describe('messages joined from parts', () => {
  it('ends each part with a full stop before the next: a network error, then the stop', () => {
    const run = new PipelineRun('orders', undefined, new PhaseLog(quiet), false);
    run.end(
      recordOf(
        { result: 'failed', code: 'Timeout', message: 'connect ECONNREFUSED 127.0.0.1:8080: connection refused' },
        { stop: { stopped: true } },
      ),
    );
    const stated = statedOutcome(run, undefined);
    expect(stated.result === 'failed' && stated.message).toBe(
      'connect ECONNREFUSED 127.0.0.1:8080: connection refused. Pipeline orders was stopped (stop-on-failure: true).',
    );
  });
});

const quiet: LogWriter = {
  debug: () => undefined,
  isDebug: () => false,
  info: () => undefined,
  warning: () => undefined,
  startGroup: () => undefined,
  endGroup: () => undefined,
};
