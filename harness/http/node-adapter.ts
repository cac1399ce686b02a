/**
 * The one bridge from Node's HTTP server (and express 5 on top of it) to a
 * CoreRequest handler: the mock SPs, the reference IdP's web side and plain
 * loopback servers all use it.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { createRequire } from 'node:module';
import type Express from 'express';
import type { Request, Response } from 'express';
import { DEFAULT_BODY_LIMIT, jsonResponse, type CoreRequest, type CoreResponse } from './core.js';

export type CoreHandler = (request: CoreRequest) => CoreResponse | Promise<CoreResponse>;

/**
 * Reads the raw body, keeping the first `limit + 1` bytes (cutting inside a chunk if
 * need be), so the handler sees that the limit was crossed and can answer 413 itself.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      const room = limit + 1 - size;
      if (room > 0) chunks.push(chunk.length <= room ? chunk : chunk.subarray(0, room));
      size += chunk.length;
    });
    request.on('end', () => resolve(size === 0 ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** A CoreRequest from a Node request: header names lower-cased, repeated headers joined. */
export function coreRequest(request: IncomingMessage, url: string, body: string | undefined): CoreRequest {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { method: request.method ?? 'GET', url, headers, ...(body === undefined ? {} : { body }) };
}

/**
 * express (CommonJS), loaded when the first server starts: a run in-process, and every thread of
 * one, serves nothing over HTTP, and loading express costs about a tenth of a second.
 */
const express = (): typeof Express =>
  (loaded ??= createRequire(import.meta.url)('express') as typeof Express);
let loaded: typeof Express | undefined;

/** An express application that hands every request to `handle`; it never parses bodies itself. */
export function expressFor(handle: CoreHandler, bodyLimit = DEFAULT_BODY_LIMIT): Express.Express {
  const app = express()();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use((req: Request, res: Response) => {
    readBody(req, bodyLimit)
      .then(async (body) => {
        const response = await handle(coreRequest(req, req.originalUrl, body));
        if (response.dropped) {
          // Closed without a byte of answer: the client sees a reset connection.
          res.socket?.destroy();
          return;
        }
        res.status(response.status).set(response.headers);
        res.end(response.body);
      })
      .catch(() => {
        if (!res.headersSent) res.status(500);
        res.end();
      });
  });
  return app;
}

/**
 * A Node `request` listener that hands every request to `handle`, with the URL `urlFor` makes of
 * Node's origin-relative one. This is the plain path every server of the harness takes: without
 * express's router in between it answers about twice the requests per second (decision 0035).
 */
export function nodeListener(
  handle: CoreHandler,
  bodyLimit = DEFAULT_BODY_LIMIT,
  urlFor: (path: string) => string = (path) => path,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    readBody(request, bodyLimit)
      .then(async (body) => {
        const answer = await handle(coreRequest(request, urlFor(request.url ?? '/'), body));
        if (answer.dropped) {
          // Closed without a byte of answer: the client sees a reset connection.
          response.socket?.destroy();
          return;
        }
        // Headers set one by one rather than through writeHead, so Node adds the Content-Length
        // of the body end() is given, as it does for express, instead of chunking the answer.
        response.statusCode = answer.status;
        for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value);
        response.end(answer.body);
      })
      .catch(() => {
        if (!response.headersSent) {
          response.statusCode = 500;
          response.setHeader('content-type', 'text/plain; charset=utf-8');
        }
        response.end('Internal error');
      });
  };
}

/** The body a server answers a request it could not even read with: its status and why. */
export type ClientErrorBody = (status: number, detail: string) => CoreResponse;

/** A JSON `{ detail }` body, for servers with no protocol of their own to answer in. */
const plainClientError: ClientErrorBody = (status, detail) =>
  jsonResponse(status, { detail }, 'application/json');

/**
 * Answers the requests Node's HTTP parser refuses before any handler sees them (a request head
 * over Node's 16 KiB, a malformed request line or header) with a status and a body that says why,
 * in the server's own format, where Node would send a bare 400 or 431 without a body.
 * @see RFC 6585 §5 (431), RFC 9110 §15.5.1 (400)
 */
export function answerClientErrors(server: Server, body: ClientErrorBody = plainClientError): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, reason, detail] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [
            431,
            'Request Header Fields Too Large',
            'The request line and headers are over 16 KiB together; send a shorter URL (a long filter or attribute list goes in a POST .search body)',
          ]
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request Timeout', 'The request did not arrive in time']
          : [400, 'Bad Request', `The request is not valid HTTP/1.1 (${error.code ?? 'unreadable'})`];
    const answer = body(status, detail);
    const text = answer.body ?? '';
    const headers = Object.entries({
      ...answer.headers,
      'content-length': String(Buffer.byteLength(text)),
      connection: 'close',
    })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.end(`HTTP/1.1 ${status} ${reason}\r\n${headers}\r\n${text}`);
  });
}
