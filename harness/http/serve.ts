/**
 * Serves any CoreRequest handler over real HTTP on 127.0.0.1, on an ephemeral
 * port: used where a run is told to use sockets (`--transport http`) or where an
 * outside SP must reach the reference IdP.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CoreRequest, CoreResponse } from './core.js';
import { answerClientErrors, nodeListener, type ClientErrorBody } from './node-adapter.js';

export interface ServedHandler {
  /** e.g. http://127.0.0.1:53211 */
  origin: string;
  close(): Promise<void>;
}

/** Listens first, then builds the handler for the origin it got (handlers need their own origin for URLs). */
export async function serveHandler(
  create: (origin: string) => { handle(request: CoreRequest): CoreResponse | Promise<CoreResponse> },
  options: { host?: string; port?: number; bodyLimit?: number; clientErrorBody?: ClientErrorBody } = {},
): Promise<ServedHandler> {
  const server = createServer();
  answerClientErrors(server, options.clientErrorBody);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  const origin = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  const handler = create(origin);
  server.on(
    'request',
    nodeListener(
      (request) => handler.handle(request),
      options.bodyLimit,
      (path) => `${origin}${path}`,
    ),
  );
  return {
    origin,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
