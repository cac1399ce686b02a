/**
 * BUG: creates a user without looking it up first — POST /Users straight away — and after a
 * create that failed (5xx, or no answer) sends the POST again, still without a lookup
 * (IDP-IDM-03, IDP-IDM-12). Everything else, the attempt budget and backoff included, is the
 * good connector's.
 */
import { ConnectorError, mapUser } from 'sso-harness';
import type { Connector } from 'sso-harness';
import { connector as good, idOf, ok } from '../connector.js';
import { MAX_ATTEMPTS, backoff, scimClient } from '../transport.js';
import { SCIM_APPS, failing } from './support.js';

/** What catches it: every check where a lookup had to come first, on every SCIM app. */
export const expectedFailures = failing({
  // No GET /Users?filter=userName eq … before the POST (IDP-IDM-03).
  'provisioning/create-on-membership': SCIM_APPS,
  // The SP already holds the userName: the POST answers 409 instead of a take-over.
  'provisioning/takeover-existing-user': SCIM_APPS,
  // The timed-out create was stored; the blind re-POST answers 409 (IDP-IDM-12).
  'provisioning/no-duplicate-after-timeout': SCIM_APPS,
  // Binding an imported user creates it again instead of taking it over: 409.
  'import/managed-only-when-bound': SCIM_APPS,
  'import/imported-user-managed-read-back': SCIM_APPS,
  // Reconnecting finds the users already there: a create answers 409 where a lookup takes them over.
  'provisioning/reconnect-takes-over': SCIM_APPS,
  // Profit.co and Salesforce keep a deleted user (deactivated): recreating it must take it over.
  'deactivation/delete-then-recreate-read-back': ['profitco', 'salesforce'],
});

/** @public What `run --connector` loads. */
export const connector: Connector = {
  ...good,
  name: 'no-lookup',
  async provisionUser(ctx, user, link) {
    if (link.spId !== undefined) return good.provisionUser(ctx, user, link);
    const scim = scimClient(ctx);
    const mapped = mapUser(user, ctx.mappings, { excluded: ctx.excluded, forCreate: true });
    const resource = { active: true, ...mapped };
    const what = `Creating ${user.username}`;
    for (let attempt = 1; ; attempt++) {
      const created = await scim.post('/Users', resource).catch(() => undefined); // undefined: no answer
      if (created?.status === 201) return { spId: idOf(created, what), lastSent: resource };
      if (created !== undefined && created.status < 500) ok(created, what, [201]);
      if (attempt === MAX_ATTEMPTS) throw new ConnectorError(`${what} failed ${attempt} times`);
      await ctx.sleep(backoff(attempt));
    }
  },
};
