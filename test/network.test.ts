// Network set-ups of self-hosted runners: a forward proxy from the environment, and Feldera over
// HTTPS with a private certificate authority.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { endToEnd, errorAnnotation } from './harness.ts';

const { fake, inputs, act } = endToEnd();
const PHASES = [{ status: 'Provisioning', ms: 40 }];

/** A forward proxy on 127.0.0.1: absolute-form requests (http://) and CONNECT tunnels, each noted by its target host. */
async function proxy(): Promise<{ url: string; carried: string[]; server: Server }> {
  const carried: string[] = [];
  const server = createServer((request, response) => {
    const target = new URL(request.url ?? '');
    carried.push(target.host);
    const upstream = httpRequest(target, { method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  server.on('connect', (request, socket, head) => {
    carried.push(request.url ?? '');
    const [host, port] = (request.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, carried, server };
}

describe('a proxy from the environment', () => {
  const proxies: Server[] = [];
  afterEach(() => {
    for (const server of proxies.splice(0)) server.close();
  });

  it.each(['HTTP_PROXY', 'http_proxy'])('carries every request when %s is set', async (variable) => {
    const through = await proxy();
    proxies.push(through.server);
    const server = await fake([{ name: 'p', phases: PHASES }]);
    const run = await act(inputs(server), { [variable]: through.url });
    expect(run.code).toBe(0);
    const target = new URL(server.url).host;
    expect(through.carried.length).toBe(server.requests.length);
    expect(through.carried.every((host) => host === target)).toBe(true);
    expect(server.requests.length).toBeGreaterThanOrEqual(3);
  });

  it('is bypassed for a host in NO_PROXY', async () => {
    const through = await proxy();
    proxies.push(through.server);
    const server = await fake([{ name: 'p', phases: PHASES }]);
    const run = await act(inputs(server), { HTTP_PROXY: through.url, NO_PROXY: '127.0.0.1' });
    expect(run.code).toBe(0);
    expect(through.carried).toEqual([]);
    expect(server.requests.length).toBeGreaterThanOrEqual(3);
  });
});

describe('HTTPS with a private certificate authority', () => {
  let dir = '';
  let tls = { key: '', cert: '' };
  beforeAll(() => {
    // A CA and a certificate for 127.0.0.1 signed by it, made for this test.
    dir = mkdtempSync(join(tmpdir(), 'feldera-tls-'));
    const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    openssl(
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      '/CN=Feldera test CA',
    );
    openssl(
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      'server.key',
      '-out',
      'server.csr',
      '-subj',
      '/CN=127.0.0.1',
    );
    writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
    openssl(
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.pem',
      '-days',
      '2',
      '-extfile',
      'san.ext',
    );
    tls = { key: readFileSync(join(dir, 'server.key'), 'utf8'), cert: readFileSync(join(dir, 'server.pem'), 'utf8') };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('works with NODE_EXTRA_CA_CERTS', async () => {
    const server = await fake([{ name: 'p', phases: PHASES }], { tls });
    expect(server.url).toMatch(/^https:/);
    const run = await act(inputs(server), { NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem') });
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('Running');
  });

  it('goes through an HTTPS_PROXY tunnel', async () => {
    const through = await proxy();
    const server = await fake([{ name: 'p', phases: PHASES }], { tls });
    const run = await act(inputs(server), { NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem'), HTTPS_PROXY: through.url });
    through.server.close();
    expect(run.code).toBe(0);
    expect(through.carried.length).toBeGreaterThan(0);
    expect(through.carried.every((host) => host === new URL(server.url).host)).toBe(true);
  });

  it('fails at once without it, and says how to trust the CA', async () => {
    const server = await fake([{ name: 'p', phases: PHASES }], { tls });
    const run = await act(inputs(server));
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('Unreachable');
    expect(errorAnnotation(run).message).toMatch(
      /the server's certificate was refused \(UNABLE_TO_VERIFY_LEAF_SIGNATURE.*Hint: .*NODE_EXTRA_CA_CERTS/,
    );
    expect(server.requests).toEqual([]);
  });
});
