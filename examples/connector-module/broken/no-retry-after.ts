/**
 * BUG: ignores Retry-After: after a 429 or a 503 it waits its own backoff instead of the time
 * the SP asked for (IDP-IDM-12; RFC 9110 §10.2.3, RFC 6585 §4).
 */
import type { ConnectorContext } from 'sso-harness';
import { connector as good } from '../connector.js';
import { SCIM_APPS, failing, renamedWithContext } from './support.js';

/** What catches it: the requests after a 429 (Retry-After: 3) come after 1 s and 2 s, not 3 s. */
export const expectedFailures = failing({ 'provisioning/retry-429-retry-after': SCIM_APPS });

const withoutRetryAfter =
  (transport: ConnectorContext['transport']): ConnectorContext['transport'] =>
  async (url, init) => {
    const response = await transport(url, init);
    const headers = new Headers(response.headers);
    headers.delete('retry-after');
    return new Response(response.body, { status: response.status, headers });
  };

/** @public What `run --connector` loads. */
export const connector = renamedWithContext(good, 'no-retry-after', (ctx) => ({
  ...ctx,
  transport: withoutRetryAfter(ctx.transport),
}));
