// Part 1, start-up: `node dist/index.js` for a pipeline that is already Running, from the launch to
// the fake's first request and to the exit; interleaved with the floor, a bare node process that
// sends one start and one status read with the built-in fetch.
import type { PipelineScript } from '../fake-feldera.ts';
import { runAction, runScript, withFake, FLOOR } from './child.ts';
import { noise, PIPELINE, STARTUP } from './config.ts';
import { median, round1, round3, row, type Part } from './stats.ts';

interface StartupSample {
  firstRequestMs: number;
  exitMs: number;
  requests: number;
}

const running: PipelineScript = { name: PIPELINE, provisioned: { initial: 'running', status: 'Running' } };

async function startupSample(kind: 'action' | 'floor'): Promise<StartupSample> {
  return withFake(running, async (fake) => {
    const run = kind === 'action' ? await runAction(fake, '1s') : await runScript(FLOOR, [fake.url, PIPELINE]);
    return {
      firstRequestMs: fake.requests[0]!.at - run.spawnedAt,
      exitMs: run.exitedAt - run.spawnedAt,
      requests: fake.requests.length,
    };
  });
}

const medians = (samples: StartupSample[]) => ({
  firstRequestMedianMs: round1(median(samples.map((s) => s.firstRequestMs))),
  exitMedianMs: round1(median(samples.map((s) => s.exitMs))),
  requests: median(samples.map((s) => s.requests)),
});

export async function startupPart() {
  const startup = { action: [] as StartupSample[], floor: [] as StartupSample[] };
  process.stdout.write(`start-up: ${STARTUP.warmup} warm-up and ${STARTUP.runs} runs each, interleaved `);
  for (let i = 0; i < STARTUP.warmup; i++) {
    await startupSample('action');
    await startupSample('floor');
  }
  for (let i = 0; i < STARTUP.runs; i++) {
    // Alternate which goes first, so that neither always follows the other.
    const order: ('action' | 'floor')[] = i % 2 ? ['floor', 'action'] : ['action', 'floor'];
    for (const kind of order) startup[kind].push(await startupSample(kind));
    process.stdout.write('.');
  }
  process.stdout.write('\n');

  const action = medians(startup.action);
  const floor = medians(startup.floor);
  const figures = {
    runs: STARTUP.runs,
    action,
    floor,
    firstRequestRatio: round3(action.firstRequestMedianMs / floor.firstRequestMedianMs),
    exitRatio: round3(action.exitMedianMs / floor.exitMedianMs),
    samples: startup,
  };
  const widths = [22, 16, 10, 9];
  const print = () => {
    console.log(
      `Start-up, pipeline already Running (medians of ${STARTUP.runs} interleaved runs, ms)${noise(STARTUP.runs, STARTUP.fullRuns)}`,
    );
    console.log(row(['', 'first request', 'exit', 'requests'], widths));
    console.log(row(['node dist/index.js', action.firstRequestMedianMs, action.exitMedianMs, action.requests], widths));
    console.log(row(['floor (node + fetch)', floor.firstRequestMedianMs, floor.exitMedianMs, floor.requests], widths));
    console.log(
      row(['ratio', `${figures.firstRequestRatio.toFixed(2)}x`, `${figures.exitRatio.toFixed(2)}x`, ''], widths),
    );
  };
  const checks = [
    {
      target: 'start-up to the first request at most 1.5x the floor',
      met: figures.firstRequestRatio <= 1.5,
      figure: `${figures.firstRequestRatio.toFixed(2)}x (${action.firstRequestMedianMs} vs ${floor.firstRequestMedianMs} ms)`,
    },
    {
      target: 'start-up to the exit at most 1.5x the floor',
      met: figures.exitRatio <= 1.5,
      figure: `${figures.exitRatio.toFixed(2)}x (${action.exitMedianMs} vs ${floor.exitMedianMs} ms)`,
    },
  ];
  return { figures, print, checks, noise: noise(STARTUP.runs, STARTUP.fullRuns) } satisfies Part<typeof figures>;
}
