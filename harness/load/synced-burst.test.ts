import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { syncedBurst } from './synced-burst.js';

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
  server = undefined;
});

/** A server that records, for each body it completes, how many request heads it had seen by then. */
async function recording(): Promise<{ url: string; headsAtEnd: number[]; tokens: string[] }> {
  const headsAtEnd: number[] = [];
  const tokens: string[] = [];
  let heads = 0;
  server = createServer((request, response) => {
    heads++;
    tokens.push(request.headers.authorization ?? '');
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      headsAtEnd.push(heads);
      const { n } = JSON.parse(body) as { n: number };
      response.writeHead(n % 2 === 0 ? 201 : 409, { 'content-type': 'application/scim+json' });
      response.end(JSON.stringify({ n }));
    });
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim/v2`, headsAtEnd, tokens };
}

describe('a synchronised burst', () => {
  it('holds every body back by its last byte until every request is on the wire', async () => {
    const { url, headsAtEnd, tokens } = await recording();
    const bodies = Array.from({ length: 20 }, (_, n) => JSON.stringify({ n }));
    const answers = await syncedBurst(
      { scimUrl: url, token: 'tok-1', timeoutMs: 5000 },
      'POST',
      '/Users',
      bodies,
    );
    // No body was complete before the server had read all twenty heads.
    expect(headsAtEnd).toEqual(Array(20).fill(20));
    expect(tokens).toEqual(Array(20).fill('Bearer tok-1'));
    expect(answers).toEqual(
      bodies.map((_, n) => ({ status: n % 2 === 0 ? 201 : 409, text: JSON.stringify({ n }), body: { n } })),
    );
  });

  it('answers each request it could not send with why, and never rejects', async () => {
    const { url } = await recording();
    server!.closeAllConnections();
    await new Promise((done) => server!.close(done));
    server = undefined;
    const answers = await syncedBurst({ scimUrl: url, token: 't', timeoutMs: 2000 }, 'PATCH', '/Groups/g', [
      '{}',
      '{}',
    ]);
    expect(answers).toHaveLength(2);
    for (const answer of answers)
      expect(answer).toMatchObject({
        error: expect.stringMatching(
          /^PATCH http:\/\/127\.0\.0\.1:\d+\/scim\/v2\/Groups\/g failed: .*ECONNREFUSED/,
        ),
      });
  });
});
