/**
 * The HTTP listeners: Node's server bound before anything is built (the URLs need the port it
 * got), a handler that never lets a request crash the process, and a close that ends every
 * connection. A port in use is a ServeError naming the port and the fix.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { coreRequest, readBody, type CoreHandler } from '#harness/http';
import { ServeError } from './errors.js';

/** The largest request body read; the handlers answer 413 above their own limits. */
const BODY_LIMIT = 1_048_576;

/** A bound listener; `serve` gives it its handler once the servers behind it exist. */
export interface Listener {
  /** The port it got (the one asked for, or a free one for 0). */
  readonly port: number;
  serve(handler: CoreHandler): void;
  close(): Promise<void>;
}

/** The one-line reason a listen failed, with what to do about it. */
function listenError(error: NodeJS.ErrnoException, host: string, port: number): ServeError {
  const where = `${host}:${port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return new ServeError(
        'SERVE_PORT_IN_USE',
        `port ${port} on ${host} is in use; stop what listens there, or pick another with --port (0 picks a free one)`,
      );
    case 'EACCES':
      return new ServeError(
        'SERVE_LISTEN',
        `not allowed to listen on ${where}; ports below 1024 need privileges: use --port 8080 or above`,
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ServeError(
        'SERVE_LISTEN',
        `cannot listen on ${where}: ${host} is not an address of this machine; use --host 127.0.0.1 (or 0.0.0.0 for every interface)`,
      );
    default:
      return new ServeError('SERVE_LISTEN', `cannot listen on ${where}: ${error.message}`);
  }
}

/** Binds `host:port`; rejects with a ServeError saying what to change. */
export async function listen(host: string, port: number): Promise<Listener> {
  const server = createServer({ keepAliveTimeout: 5_000 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, host, port)));
    server.listen(port, host, () => resolve());
  });
  let handler: CoreHandler = async () => ({
    status: 503,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' },
    body: 'Starting; try again in a moment.\n',
  });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    void answer(handler, request, response);
  });
  // A malformed request line or header: answer 400 and close, as Node does without a listener.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  // After listening, an error is about one connection, never a reason to stop serving.
  server.on('error', () => undefined);
  return {
    port: (server.address() as AddressInfo).port,
    serve(next) {
      handler = next;
    },
    close: () => closeServer(server),
  };
}

async function answer(
  handler: CoreHandler,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  try {
    const body = await readBody(request, BODY_LIMIT);
    const answered = await handler(coreRequest(request, request.url ?? '/', body));
    if (answered.dropped) {
      response.socket?.destroy();
      return;
    }
    response.writeHead(answered.status, answered.headers);
    response.end(answered.body);
  } catch {
    if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('Internal error\n');
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
