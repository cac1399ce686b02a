/**
 * How the reference connector re-sends a create the SP failed with a 5xx or a timeout: a
 * bounded number of attempts, each after the wait the SP asked for.
 * @see IDP-IDM-12; RFC 9110 §10.2.3 (Retry-After)
 */
import type { ScimResponse } from '#harness/scim';
import type { ConnectorContext } from './connector.js';

/** How many times a create is sent in all when the SP fails it with a 5xx or a timeout (IDP-IDM-12). */
export const CREATE_ATTEMPTS = 3;

/** Waits the Retry-After a failed create's answer asked for (RFC 9110 §10.2.3), if any and not too long. */
export async function waitAsAsked(ctx: ConnectorContext, answer: ScimResponse | undefined): Promise<void> {
  if (answer === undefined) return;
  const wait = ctx.retry.steps.requestedWait(
    new Response(null, { status: answer.status, headers: answer.headers }),
    ctx.now(),
  );
  if (wait !== undefined && wait <= ctx.retry.policy.maxDelayMs) await ctx.sleep(wait);
}
