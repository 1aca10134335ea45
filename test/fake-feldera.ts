// A fake Feldera pipeline manager: a real HTTP server on 127.0.0.1 that plays the state machine of
// API.md 2.4 with scripted phases (held for a time, for a number of status reads, or until the test
// releases them), answers with openapi.json's field names and enum
// spellings, and logs every request it gets. Where it can, it answers as the manager's source does
// (crates/pipeline-manager/src at API.md's commit; the file is named beside each rule). With
// `version: '0.375.0'` (or newer) it answers in the shapes of Feldera 0.375 instead, where they
// differ for what it serves (test/feldera-spec/openapi-0.375.0.json). Node runs
// this file as it is (type stripping), so the demo and the CI job can serve it too:
// `node test/fake-feldera.ts [port]`. Its parts, one concern each, are in test/fake/.
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

// `node test/fake-feldera.ts [port]`: serve one pipeline, `example`, with a realistic start.
if (import.meta.main) {
  const fake = await FakeFeldera.start(
    {
      pipelines: [
        {
          name: 'example',
          phases: [
            { status: 'Provisioning', ms: 300 },
            { status: 'Initializing', ms: 300 },
          ],
        },
      ],
    },
    Number(process.argv[2] ?? 0),
  );
  console.log(fake.url);
}
