/**
 * Test support for the dialect tests: what went over the wire, as method, path, query (in
 * order) and parsed body, with the ids the SP assigned replaced by `<id N>` in order of
 * appearance, so two runs against two fresh SPs compare equal.
 */
import type { HttpExchange } from '#harness/evidence';

/** One request as a dialect test compares it. */
export interface WireRequest {
  method: string;
  path: string;
  query?: [string, string][];
  body?: unknown;
  /** The SP's answer. */
  status?: number;
}

/** The SP-assigned ids in an answer: its `id`, and each listed resource's. */
function idsIn(text: string | undefined): string[] {
  if (!text) return [];
  try {
    const body = JSON.parse(text) as { id?: unknown; Resources?: { id?: unknown }[] };
    const ids = [body.id, ...(Array.isArray(body.Resources) ? body.Resources.map((r) => r.id) : [])];
    return ids.filter((id): id is string => typeof id === 'string' && id.length > 0);
  } catch {
    return [];
  }
}

/** The requests of `exchanges` below `baseUrl`, SP ids masked; `masks` rewrite anything else that varies. */
export function wireOf(
  exchanges: readonly HttpExchange[],
  baseUrl: string,
  masks: readonly [RegExp, string][] = [],
): WireRequest[] {
  const ids = new Map<string, string>();
  for (const exchange of exchanges)
    for (const id of idsIn(exchange.response?.body)) if (!ids.has(id)) ids.set(id, `<id ${ids.size + 1}>`);
  const mask = (text: string): string => {
    let out = text;
    for (const [id, placeholder] of ids) out = out.split(id).join(placeholder);
    for (const [pattern, replacement] of masks) out = out.replace(pattern, replacement);
    return out;
  };
  return exchanges.map((exchange) => {
    const url = new URL(exchange.request.url);
    const request: WireRequest = {
      method: exchange.request.method,
      path: mask(decodeURIComponent(url.href.slice(baseUrl.length).split('?')[0]!)),
    };
    const query = [...url.searchParams].map(([k, v]) => [k, mask(v)] as [string, string]);
    if (query.length > 0) request.query = query;
    if (exchange.request.body) request.body = JSON.parse(mask(exchange.request.body)) as unknown;
    if (exchange.response) request.status = exchange.response.status;
    return request;
  });
}
