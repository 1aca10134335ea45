// A scripted fault served instead of Feldera's answer: what a network, a proxy or a broken server does.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeState } from './pipeline.ts';
import { after } from './runner.ts';
import type { Fault } from './types.ts';

/** Serves `fault`; `answer` gives Feldera's own answer, for the faults that only put it off. */
export function serveFault(
  fake: FakeState,
  fault: Fault,
  request: IncomingMessage,
  response: ServerResponse,
  answer: () => void,
): void {
  if (fault.kind === 'reset') return void request.socket.destroy();
  if (fault.kind === 'hang') return;
  if (fault.kind === 'truncated') {
    response.writeHead(200, {
      'content-type': fault.zip ? 'application/zip' : 'application/json',
      'content-length': '4096',
    });
    response.write(fault.zip ? 'PK\x03\x04\x14\x00\x00\x08' : '{"name": "p", "deployment_status": "Runn');
    return void setTimeout(() => request.socket.destroy(), 10);
  }
  if (fault.kind === 'endless') {
    response.writeHead(200, { 'content-type': fault.zip ? 'application/zip' : 'application/json' });
    response.write(fault.zip ? 'PK\x03\x04' : '{"name": "');
    const megabyte = 'x'.repeat(1 << 20);
    // No faster than the client reads, as a server's socket would have it.
    const timer = setInterval(() => response.writableNeedDrain || response.write(megabyte), 5);
    fake.streams.add(timer);
    return void response.on('close', () => clearInterval(timer));
  }
  if (fault.kind === 'status') {
    response.writeHead(fault.status, { 'content-type': 'text/html', ...fault.headers });
    return void response.end(fault.body ?? '');
  }
  if (fault.kind === 'hold') return void fault.until.then(answer);
  after(fake, fault.ms, answer);
}
