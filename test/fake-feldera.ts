// A fake Feldera pipeline manager: a real HTTP server on 127.0.0.1 that plays the state machine of
// API.md 2.4 with scripted phases (held for a time, for a number of status reads, or until the test
// releases them), answers with openapi.json's field names and enum
// spellings, and logs every request it gets. Where it can, it answers as the manager's source does
// (crates/pipeline-manager/src at API.md's commit; the file is named beside each rule). With
// `version: '0.375.0'` (or newer) it answers in the shapes of Feldera 0.375 instead, where they
// differ for what it serves (test/feldera-spec/openapi-0.375.0.json). Node runs
// this file as it is (type stripping), so the demo and the CI job can serve it too:
// `node test/fake-feldera.ts [PORT] [options]`. Its parts, one concern each, are in test/fake/.
import { fakeFromArgs } from './fake/cli.ts';
import { FakeFeldera } from './fake/server.ts';

export { FakeFeldera } from './fake/server.ts';
export { LargeText } from './fake/large-text.ts';
export { CHECKPOINT_FAILED } from './fake/checkpoint.ts';
export type {
  CompileScript,
  ConnectorScript,
  ConnectorState,
  Edition,
  Endpoint,
  ErrorBody,
  FakeOptions,
  FakeRequest,
  FakeResponse,
  Fault,
  Phase,
  PipelineScript,
} from './fake/types.ts';

// `node test/fake-feldera.ts [PORT] [options]`: serve the pipelines the options script (test/fake/cli.ts;
// `--help` lists them), by default one, `example`, with a realistic start.
if (import.meta.main) {
  let asked;
  try {
    asked = fakeFromArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  if ('help' in asked) {
    console.log(asked.help);
    process.exit(0);
  }
  const fake = await FakeFeldera.start(asked.options, asked.port);
  console.log(fake.url);
}
