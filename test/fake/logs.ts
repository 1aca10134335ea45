// `GET /logs`: the pipeline's log, replayed and then followed.
import type { ServerResponse } from 'node:http';
import type { FakeState, Pipeline } from './pipeline.ts';
import type { Flags } from './routes.ts';

/**
 * The ring buffer, then new lines as they come: the stream ends only when the client goes. Since
 * 0.375, `follow=false` ends it after the buffer (openapi-0.375.0.json); 0.337's handler takes no
 * query at all, so it ignores the parameter (api/endpoints/pipeline_management.rs).
 */
export function logs(fake: FakeState, pipeline: Pipeline, flags: Flags, response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/plain' });
  for (const line of pipeline.script.logLines ?? []) response.write(`${line}\n`);
  if (flags.follow === false) return void response.end();
  const every = pipeline.script.logEveryMs;
  if (every === undefined) return;
  let count = 0;
  const tick = () => response.write(`tick ${++count}\n`);
  tick();
  const timer = setInterval(tick, every);
  response.on('close', () => clearInterval(timer));
  fake.streams.add(timer);
}
