// Part 6, ends on time (issue 18): from a cancel (SIGINT or SIGTERM, sent when the fake sees the
// phase) to the exit, and the step's own elapsed-seconds when its budget or a bound of its own ends a
// wait that would otherwise go on (a Retry-After of an hour, an outage, a token service that hangs, a
// log that never ends, a wrong api-url). A quick run runs the cases side by side.
import { FakeOidc } from '../fake-oidc.ts';
import { runChild, stepFiles, withFake } from './child.ts';
import { DIST, noise, ON_TIME, PIPELINE } from './config.ts';
import { onTimeCases, type OnTimeCase } from './on-time-cases.ts';
import { median, round1, row, type Part } from './stats.ts';

async function onTimeSample(entry: OnTimeCase): Promise<number> {
  const oidc = entry.hangingOidc ? await FakeOidc.start() : undefined;
  if (oidc) oidc.hang = true;
  try {
    return await withFake(entry.scripts, async (fake) => {
      entry.faults?.(fake);
      const step = stepFiles();
      const inputs = { 'pipeline-name': PIPELINE, 'api-url': fake.url, 'poll-interval': '100ms', ...entry.inputs };
      const env = Object.fromEntries(
        Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
      );
      let signalledAt = 0;
      const run = await runChild([DIST], { ...step.env, ...env, ...oidc?.env() }, (child) => {
        const signal = entry.signal;
        if (signal)
          void signal.when(fake).then(() => {
            signalledAt = performance.now();
            child.kill(signal.name);
          });
      });
      const code = step.output('error-code');
      if (code !== entry.code)
        throw new Error(
          `${entry.label}: the step ended with ${code || 'no error code'}, not ${entry.code}:\n${run.stdout}${run.stderr}`,
        );
      if (entry.signal) {
        if (!signalledAt) throw new Error(`${entry.label}: the step ended before its signal`);
        return run.exitedAt - signalledAt;
      }
      return Number(step.output('elapsed-seconds')) * 1000;
    });
  } finally {
    await oidc?.close();
  }
}

export async function onTimePart() {
  const onTime = onTimeCases.map((entry) => ({ entry, samples: [] as number[] }));
  const progress = `ends on time: ${ON_TIME.runs} rounds of ${onTimeCases.length} cases `;
  // Side by side with part 7, the line is written whole at the end, not mixed with part 7's.
  if (!ON_TIME.concurrent) process.stdout.write(progress);
  for (let round = 0; round < ON_TIME.runs; round++) {
    if (ON_TIME.concurrent) {
      const samples = await Promise.all(onTime.map(({ entry }) => onTimeSample(entry)));
      samples.forEach((sample, i) => onTime[i]!.samples.push(sample));
    } else {
      for (const { entry, samples } of onTime) samples.push(await onTimeSample(entry));
    }
    if (!ON_TIME.concurrent) process.stdout.write('.');
  }
  process.stdout.write(
    ON_TIME.concurrent ? `${progress}side by side, beside part 7 ${'.'.repeat(ON_TIME.runs)}\n\n` : '\n',
  );

  const figures = onTime.map(({ entry, samples }) => ({
    label: entry.label,
    measured: entry.signal ? `${entry.signal.name} → exit` : 'elapsed-seconds',
    code: entry.code,
    boundMs: entry.boundMs,
    test: entry.test,
    runs: samples.length,
    medianMs: round1(median(samples)),
    maxMs: round1(Math.max(...samples)),
    samples,
  }));
  const quickNoise =
    noise(ON_TIME.runs, ON_TIME.fullRuns) +
    (ON_TIME.concurrent ? ' [quick: the cases side by side and beside part 7, not one at a time]' : '');
  const widths = [40, 16, 8, 8, 8];
  const print = () => {
    console.log(
      `\nEnds on time (${ON_TIME.runs} runs each, ms; bound: what the test named asserted before the claim moved here)${quickNoise}`,
    );
    console.log(row(['', 'measured', 'median', 'max', 'bound'], widths));
    for (const f of figures) console.log(row([f.label, f.measured, f.medianMs, f.maxMs, f.boundMs], widths));
  };
  const checks = figures.map((f) => ({
    target: `${f.label}: ${f.measured} at most ${f.boundMs} ms (${f.test})`,
    met: f.maxMs <= f.boundMs,
    figure: `at most ${f.maxMs} ms, median ${f.medianMs} ms, ${f.code}`,
  }));
  return { figures, print, checks, noise: noise(ON_TIME.runs, ON_TIME.fullRuns) } satisfies Part<typeof figures>;
}
