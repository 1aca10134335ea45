// `node test/fake-feldera.ts [PORT] [options]`: the fake's scripts for the cases the README's recipes
// need, from the command line, for rehearsals and for the README's workflows under act.
import { CONFIGURED, PROPOSED, SQL_ERROR } from '../fixtures.ts';
import type { Edition, FakeOptions, PipelineScript } from './types.ts';

export const USAGE = `node test/fake-feldera.ts [PORT] [options]: a fake Feldera pipeline manager on 127.0.0.1:PORT
(0 or none: any free port), which prints its address. Options:
  --pipelines a,b,c       the pipelines it serves, stopped (default: example)
  --approval[=a,b]        their program changed since their checkpoint: a start bootstraps, and stops
                          at AwaitingApproval with the diff until approved (Enterprise)
  --connector-fails[=a,b] their input connector orders.kafka_in fails a second after they run
  --sql-error[=a,b]       their program does not compile (SqlError), nor does one that a PATCH sets
  --edition E             enterprise or community; default enterprise when a pipeline bootstraps
                          (--approval: bootstrapping is Enterprise-only), else community
  --api-key KEY           authentication on: every request needs "Authorization: Bearer KEY",
                          KEY as Feldera's keys are, apikey:…
  --help                  this text
Each case without names applies to every pipeline.`;

const CASES = ['approval', 'connector-fails', 'sql-error'] as const;
type Case = (typeof CASES)[number];

/** What the command line asks for: the port and the fake's options, or the usage text. */
export function fakeFromArgs(args: readonly string[]): { port: number; options: FakeOptions } | { help: string } {
  const cases = new Map<Case, string[] | 'all'>();
  let names = ['example'];
  let edition: Edition | undefined;
  let apiKey: string | undefined;
  let port = 0;
  const rest = [...args];
  const value = (flag: string, inline: string | undefined) => {
    const given = inline ?? rest.shift();
    if (given === undefined || given === '') throw new Error(`${flag} needs a value (--help lists the options)`);
    return given;
  };
  const list = (text: string) => text.split(',').filter((name) => name !== '');
  for (let arg = rest.shift(); arg !== undefined; arg = rest.shift()) {
    const [flag, inline] = arg.startsWith('--') ? splitOnce(arg) : [arg, undefined];
    if (flag === '--help' || flag === '-h') return { help: USAGE };
    else if (flag === '--pipelines') names = list(value(flag, inline));
    else if (flag === '--api-key') apiKey = value(flag, inline);
    else if (flag === '--edition') edition = editionOf(value(flag, inline));
    else if (CASES.includes(flag.slice(2) as Case)) cases.set(flag.slice(2) as Case, inline ? list(inline) : 'all');
    else if (/^\d+$/.test(flag) && inline === undefined) port = Number(flag);
    else throw new Error(`Unknown argument ${JSON.stringify(arg)} (--help lists the options)`);
  }
  if (names.length === 0) throw new Error('--pipelines needs at least one name');
  if (apiKey !== undefined && !apiKey.startsWith('apikey:'))
    throw new Error(`--api-key must look like Feldera's keys, apikey:…; got ${JSON.stringify(apiKey)}`);
  for (const [name, which] of cases)
    for (const pipeline of which === 'all' ? [] : which)
      if (!names.includes(pipeline)) throw new Error(`--${name} names ${pipeline}, which --pipelines does not serve`);
  const has = (name: Case, pipeline: string) => {
    const which = cases.get(name);
    return which === 'all' || (which?.includes(pipeline) ?? false);
  };
  const bootstraps = names.some((pipeline) => has('approval', pipeline));
  if (bootstraps && edition === 'Open source')
    throw new Error('--approval needs the Enterprise edition: bootstrapping from a checkpoint is Enterprise-only');
  const pipelines = names.map((name) => script(name, (which) => has(which, name)));
  const options: FakeOptions = { pipelines, edition: edition ?? (bootstraps ? 'Enterprise' : 'Open source') };
  if (apiKey !== undefined) options.apiKey = apiKey;
  // A program that a PATCH sets (update-program: true) fails to compile only when the case asks for it.
  if (cases.has('sql-error')) options.compiles = [{ marker: '', outcome: 'SqlError' }];
  return { port, options };
}

function script(name: string, has: (which: Case) => boolean): PipelineScript {
  const pipeline: PipelineScript = {
    name,
    program: CONFIGURED,
    phases: [
      { status: 'Provisioning', ms: 300 },
      { status: 'Initializing', ms: 300 },
    ],
  };
  if (has('approval')) {
    // The configured program is the proposed one; the checkpoint is of the one before it.
    pipeline.program = PROPOSED;
    pipeline.checkpointed = CONFIGURED;
    pipeline.phases?.push({ status: 'Bootstrapping', ms: 300 });
  }
  if (has('sql-error')) {
    pipeline.programStatus = 'CompilingSql';
    pipeline.compile = [
      { status: 'CompilingSql', ms: 300 },
      { status: 'SqlError', ms: 0 },
    ];
    pipeline.programError = {
      sql_compilation: { exit_code: 1, messages: [SQL_ERROR] },
      rust_compilation: null,
      system_error: null,
    };
  }
  if (has('connector-fails'))
    pipeline.connectors = [
      {
        name: 'orders.kafka_in',
        direction: 'input',
        stream: 'orders',
        states: [
          { at: 0, health: { status: 'Healthy', description: null }, records: 0 },
          { at: 1000, fatalError: 'kafka: 1/1 brokers are down', errors: 1, error: 'kafka: 1/1 brokers are down' },
        ],
      },
    ];
  return pipeline;
}

function editionOf(text: string): Edition {
  if (text === 'enterprise') return 'Enterprise';
  if (text === 'community') return 'Open source';
  throw new Error(`--edition is enterprise or community, not ${JSON.stringify(text)}`);
}

function splitOnce(arg: string): [string, string | undefined] {
  const at = arg.indexOf('=');
  return at < 0 ? [arg, undefined] : [arg.slice(0, at), arg.slice(at + 1)];
}
