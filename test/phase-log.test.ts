import { expect, it } from 'vitest';
import { PhaseLog } from '../src/log/phase-log.ts';

function recorded(debugging = false) {
  const lines: string[] = [];
  const log = new PhaseLog({
    debug: (line) => lines.push(`::debug::${line}`),
    isDebug: () => debugging,
    info: (line) => lines.push(line),
    warning: (line) => lines.push(`warning: ${line}`),
    startGroup: (title) => lines.push(`::group::${title}`),
    endGroup: () => lines.push('::endgroup::'),
  });
  return { lines, log };
}

it('opens a phase’s group with its first line, and closes it when the next phase or the end comes', () => {
  const { lines, log } = recorded();
  log.info('before any phase');
  log.group('Starting');
  log.info('start accepted');
  log.group('Waiting');
  log.warning('an outage', 'Feldera not answering');
  log.info('Running');
  log.end();
  log.info('after');
  expect(lines).toEqual([
    'before any phase',
    '::group::Starting',
    'start accepted',
    '::endgroup::',
    '::group::Waiting',
    'warning: an outage',
    'Running',
    '::endgroup::',
    'after',
  ]);
});

it('leaves no group for a phase that printed nothing', () => {
  const { lines, log } = recorded();
  log.group('Starting');
  log.group('Waiting');
  log.end();
  log.end();
  log.info('the failure');
  expect(lines).toEqual(['the failure']);
});

it('opens a group for a debug line only when debug lines are shown', () => {
  for (const debugging of [false, true]) {
    const { lines, log } = recorded(debugging);
    log.group('Starting');
    log.debug('POST /start');
    log.end();
    expect(lines).toEqual(
      debugging ? ['::group::Starting', '::debug::POST /start', '::endgroup::'] : ['::debug::POST /start'],
    );
  }
});
