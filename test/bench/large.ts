// Part 7, large answers (issue 18): a pipeline that fails with a RuntimeError.WorkerPanic whose status
// is 20 MB, 200 MB and 2 GB (half the message, half the backtrace, streamed by the fake), beside one of
// 1 kB, and a status body that never ends (request-timeout 10s): the step's wall time, the large
// read's throughput (its bytes over the wall time it adds to the 1 kB run; the fake writing it shares
// the machine) and the peak memory, which the issue bounds at 300 MB. Beside them, the parser alone,
// in this process: 200 MB of two long strings, and 37 MB of 400,000 small objects.
import { BoundedJson } from '../../src/feldera/bounded-json.ts';
import { LargeText, type PipelineScript } from '../fake-feldera.ts';
import { runAction, withFake } from './child.ts';
import { LARGE, noise, PIPELINE, QUICK } from './config.ts';
import { duration, median, mib, round1, row, sizeLabel, type Part } from './stats.ts';

interface LargeSample {
  wallMs: number;
  maxRssKb: number;
  outcome: string;
}

const panicking = (bytes: number): PipelineScript => ({
  name: PIPELINE,
  phases: [{ status: 'Provisioning', ms: 20 }],
  failWith: {
    error_code: 'RuntimeError.WorkerPanic',
    message: new LargeText('DBSP error: One or more worker threads terminated unexpectedly\n', bytes / 2),
    details: {
      error: {
        WorkerPanic: {
          panic_info: [
            [
              0,
              'Foreground',
              { message: 'index out of bounds', location: null, backtrace: new LargeText('', bytes / 2) },
            ],
          ],
        },
      },
    },
  },
});

const largeSample = (script: PipelineScript, more: Record<string, string>, endless = false) =>
  withFake(script, async (fake): Promise<LargeSample> => {
    if (endless) fake.fault('status', { kind: 'endless' });
    const run = await runAction(fake, '100ms', '0s', {
      measured: true,
      mayFail: true,
      more: { logs: 'never', ...more },
    });
    return { wallMs: run.exitedAt - run.spawnedAt, maxRssKb: run.maxRssKb!, outcome: run.failed![0] ?? 'p Running' };
  });

/** MB/s of the parser alone on `body`, fed in 64 KiB chunks as undici gives them: the median of three. */
const parserSpeed = (body: Buffer) =>
  round1(
    median(
      [0, 1, 2].map(() => {
        const started = performance.now();
        const parser = new BoundedJson();
        for (let at = 0; at < body.length; at += 1 << 16) parser.write(body.subarray(at, at + (1 << 16)));
        parser.end();
        return body.length / 1e6 / ((performance.now() - started) / 1000);
      }),
    ),
  );

export async function largePart() {
  const endlessTimeout = duration(LARGE.endlessTimeoutMs);
  process.stdout.write(
    `large answers: ${LARGE.runs} rounds of ${LARGE.bytes.map(sizeLabel).join(', ')}; a body that never ends `,
  );
  const large = LARGE.bytes.map((bytes) => ({ bytes, samples: [] as LargeSample[] }));
  for (let round = 0; round < LARGE.runs; round++) {
    for (const entry of large) entry.samples.push(await largeSample(panicking(entry.bytes), {}));
    process.stdout.write('.');
  }
  const endless = await largeSample(
    { name: PIPELINE, phases: [{ status: 'Provisioning', ms: 20 }] },
    { 'request-timeout': endlessTimeout },
    true,
  );
  const frames =
    '  12: dbsp::circuit::runtime::Runtime::run::{{closure}}\\n             at crates/dbsp/src/circuit/runtime.rs:512:9\\n'.repeat(
      LARGE.parserFrames,
    );
  const longStrings = Buffer.from(`{"message": "${frames}", "details": {"backtrace": "${frames}"}}`);
  const smallValues = Buffer.from(
    JSON.stringify(
      Array.from({ length: LARGE.parserObjects }, (_, i) => ({
        name: `p${i}`,
        deployment_status: 'Running',
        n: i,
        ok: true,
        e: null,
        x: [1.5, 'é'],
      })),
    ),
  );
  const parser = { longStringsMbPerSecond: parserSpeed(longStrings), smallValuesMbPerSecond: parserSpeed(smallValues) };
  process.stdout.write('.\n\n');

  const floorMs = median(large[0]!.samples.map((sample) => sample.wallMs));
  const sizes = large.map(({ bytes, samples }) => {
    const wallMedianMs = round1(median(samples.map((sample) => sample.wallMs)));
    return {
      bytes,
      runs: samples.length,
      wallMedianMs,
      mbPerSecond: bytes > large[0]!.bytes ? round1(bytes / 1e6 / ((wallMedianMs - floorMs) / 1000)) : null,
      maxRssMaxKb: Math.max(...samples.map((sample) => sample.maxRssKb)),
      outcomes: [...new Set(samples.map((sample) => sample.outcome))],
      samples,
    };
  });
  const figures = { sizes, endless, parser };

  const quickNoise =
    noise(LARGE.runs, LARGE.fullRuns) +
    (QUICK ? ` [quick: up to ${sizeLabel(LARGE.bytes.at(-1)!)}, not 2 GB; a ${endlessTimeout}, not 10s, timeout]` : '');
  const widths = [24, 9, 9, 10, 28];
  const print = () => {
    console.log(
      `\nLarge answers: a WorkerPanic's status of each size (${LARGE.runs} runs each; wall time medians, the highest peak RSS)${quickNoise}`,
    );
    console.log(row(['', 'wall ms', 'MB/s', 'peak RSS', 'reported'], widths));
    for (const f of sizes)
      console.log(
        row([sizeLabel(f.bytes), f.wallMedianMs, f.mbPerSecond, mib(f.maxRssMaxKb), f.outcomes.join(', ')], widths),
      );
    console.log(
      row(
        [`never ends, ${endlessTimeout} timeout`, round1(endless.wallMs), null, mib(endless.maxRssKb), endless.outcome],
        widths,
      ),
    );
    console.log('(MB/s: the body over the wall time it adds to the 1 kB run, the fake writing it on the same machine)');
    console.log(
      `The parser alone: ${parser.longStringsMbPerSecond} MB/s on two long strings (${(longStrings.length / 1e6).toFixed(0)} MB), ${parser.smallValuesMbPerSecond} MB/s on small objects (${(smallValues.length / 1e6).toFixed(0)} MB) (medians of three)${QUICK ? " [quick: a tenth of the full run's bodies: noisy]" : ''}`,
    );
  };
  const checks = [
    ...sizes.map((f) => ({
      target: `a status of ${sizeLabel(f.bytes)}: reported as the WorkerPanic it is, peak memory under ${LARGE.maxRssMb} MB`,
      met:
        f.outcomes.every((outcome) => outcome.endsWith('RuntimeError.WorkerPanic')) &&
        (f.maxRssMaxKb * 1024) / 1e6 < LARGE.maxRssMb,
      figure: `${f.outcomes.join(', ')}; at most ${mib(f.maxRssMaxKb)}`,
    })),
    {
      target: `a status body that never ends: cut by request-timeout, then Running; peak memory under ${LARGE.maxRssMb} MB`,
      met: endless.outcome === 'p Running' && (endless.maxRssKb * 1024) / 1e6 < LARGE.maxRssMb,
      figure: `${endless.outcome}; ${mib(endless.maxRssKb)}`,
    },
  ];
  return { figures, print, checks, noise: noise(LARGE.runs, LARGE.fullRuns) } satisfies Part<typeof figures>;
}
