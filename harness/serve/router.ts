/**
 * What answers on each listener: the dashboard (on the first), and the sites by path prefix
 * (`/idp`, `/sp/<id>`; the empty prefix when a site has its listener to itself). Every request
 * to a site goes into the request log; the dashboard's own polls do not.
 */
import type { CoreHandler, CoreRequest, CoreResponse } from '#harness/http';
import type { IdpWeb } from '#harness/idp';
import { Dashboard } from './dashboard.js';
import { innerRequest, isUnder, outerResponse, pathAndQuery } from './mount.js';
import type { RequestLog } from './request-log.js';
import type { SpSlot } from './sp-slot.js';

/** A server below a path prefix: the IdP or one SP. */
export interface Site {
  /** `idp` or the app id, as the request log names it. */
  name: string;
  /** `/idp`, `/sp/<id>`, or '' on a listener of its own. */
  prefix: string;
  answer(request: CoreRequest): Promise<{ response: CoreResponse; chaos?: string }>;
}

/** The IdP's web side, which serves below its base URL's path itself. */
export function idpSite(web: IdpWeb, prefix: string): Site {
  return { name: 'idp', prefix, answer: async (request) => ({ response: await web.handle(request) }) };
}

/** A mock SP, handed its requests with the prefix taken off. */
export function spSite(slot: SpSlot, prefix: string): Site {
  return {
    name: slot.app.id,
    prefix,
    async answer(request) {
      const inner = innerRequest(prefix, request);
      const response = await slot.handle(inner);
      const chaos = slot.chaosAnswer(inner, response);
      return { response: outerResponse(prefix, response), ...(chaos === undefined ? {} : { chaos }) };
    },
  };
}

function notFound(path: string, sites: readonly Site[], dashboard: boolean): CoreResponse {
  const where = sites
    .filter((site) => site.prefix !== '')
    .map((site) => `${site.name} at ${site.prefix}`)
    .join(', ');
  const text = `Nothing is served at ${path}.${dashboard ? ' The dashboard is at /.' : ''}${where ? ` Served here: ${where}.` : ''}\n`;
  return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text };
}

/** The handler of one listener: the dashboard if it has it, then its sites, longest prefix first. */
export function router(
  sites: readonly Site[],
  log: RequestLog,
  dashboard: Dashboard | undefined,
): CoreHandler {
  const ordered = [...sites].sort((a, b) => b.prefix.length - a.prefix.length);
  return async (request) => {
    const path = pathAndQuery(request.url);
    const bare = path.split('?')[0]!;
    if (dashboard && Dashboard.owns(bare)) return dashboard.handle(request);
    const site = ordered.find((candidate) => candidate.prefix === '' || isUnder(path, candidate.prefix));
    const started = performance.now();
    let answered: { response: CoreResponse; chaos?: string };
    try {
      answered = site ? await site.answer(request) : { response: notFound(bare, sites, !!dashboard) };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      answered = {
        response: {
          status: 500,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          body: `${site?.name ?? 'The server'} failed on ${bare}: ${detail}\n`,
        },
      };
    }
    log.record(site?.name ?? 'none', request, answered.response, performance.now() - started, answered.chaos);
    return answered.response;
  };
}
