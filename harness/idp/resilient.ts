/**
 * What makes the reference connector (and the dialect connectors) survive a busy SP and an
 * expired token: every call's context gets a SCIM client that refreshes the token once after
 * a 401 (SF-01) and retries 429 and 5xx answers as IDP-IDM-12 says, waiting through the
 * context's clock. It belongs to these connectors, not to the harness: a user's connector gets
 * a plain client and is judged on what it does itself (docs/decisions/0022-connector-contract.md).
 * @see IDP-IDM-12; SF-01
 */
import type { ScimClient } from '#harness/scim';
import type { Connector, ConnectorContext } from './connector.js';
import { withContext } from './connector-context.js';
import { withRetries, type RetryPolicy } from './retry.js';
import { authorizingFetch } from './token-source.js';

/** A client on the context's SCIM base URL with token refresh and retries under `policy` (the IdP's by default). */
export function resilientClient(ctx: ConnectorContext, policy: RetryPolicy = ctx.retry.policy): ScimClient {
  return ctx.client(
    withRetries(authorizingFetch(ctx.transport, ctx.credentials), {
      sleep: (ms) => ctx.sleep(ms),
      now: () => ctx.now(),
      policy,
      steps: ctx.retry.steps,
    }),
  );
}

/** `connector` with every call's `ctx.scim` made resilient (`policy` of the call's context by default). */
export function resilient(connector: Connector, policy?: (ctx: ConnectorContext) => RetryPolicy): Connector {
  return withContext(connector, (ctx) => ({ ...ctx, scim: resilientClient(ctx, policy?.(ctx)) }));
}
