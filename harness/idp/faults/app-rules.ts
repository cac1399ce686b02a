/**
 * IdP faults that break a rule Profit.co and SparkPost both document: a connector that
 * ignores the admin's regional base URL, calls /Groups where there are none, or sends
 * attributes beyond the app's table. They are core records rather than one app's: each
 * breaks both apps' rules, and both apps' checks catch it.
 * @see PCO-02, PCO-04, PCO-05; SPK-03, SPK-04
 */
import type { ScimClient } from '#harness/scim';
import type { Connector, ConnectorContext } from '../connector.js';
import { defineIdpFaults } from '../fault-seams.js';
import type { AttributeMapping } from '../mapping.js';
import { remapped } from './wrappers.js';

/** The regional hosts the two guides document, and the US host a pinned connector uses instead. */
const US_HOSTS: readonly (readonly [RegExp, string])[] = [
  [/^eu\.profit\.co$/i, 'api.profit.co'],
  [/^api\.eu\.sparkpost\.com$/i, 'api.sparkpost.com'],
  [/^[^.]+\.api\.e\.sparkpost\.com$/i, 'api.sparkpost.com'],
];

/** Rows a connector sends beyond the app's table. */
const UNSUPPORTED_ROWS: readonly AttributeMapping[] = [
  { scim: 'displayName', source: { property: 'displayname' }, optional: true },
  { scim: 'locale', source: { property: 'locale' }, optional: true },
  {
    scim: 'phoneNumbers[type eq "work"].value',
    source: { property: 'number', from: 'phone' },
    optional: true,
  },
];

function pinnedToUs(url: string): string {
  const parsed = new URL(url);
  const us = US_HOSTS.find(([host]) => host.test(parsed.hostname))?.[1];
  if (us === undefined) return url;
  parsed.hostname = us;
  return parsed.href;
}

/** `ctx` with a SCIM client that sends each request to `rewrite(url)` instead. */
function redirected(ctx: ConnectorContext, rewrite: (url: string) => string): ConnectorContext {
  const scim = Object.create(ctx.scim) as ScimClient;
  scim.request = (method, path, options) => ctx.scim.request(method, rewrite(ctx.scim.url(path)), options);
  return { ...ctx, scim };
}

/** `strict` with every call's context changed by `change`. */
function withContext(strict: Connector, change: (ctx: ConnectorContext) => ConnectorContext): Connector {
  return {
    ...strict,
    testConnection: (ctx, options) => strict.testConnection(change(ctx), options),
    provisionUser: (ctx, user, link) => strict.provisionUser(change(ctx), user, link),
    deprovisionUser: (ctx, user, spId) => strict.deprovisionUser(change(ctx), user, spId),
    deleteUser: (ctx, user, spId) => strict.deleteUser(change(ctx), user, spId),
    syncGroup: (ctx, group, members, link) => strict.syncGroup(change(ctx), group, members, link),
    deleteGroup: (ctx, group, spId) => strict.deleteGroup(change(ctx), group, spId),
  };
}

async function listGroups(ctx: ConnectorContext): Promise<void> {
  await ctx.scim.get('/Groups');
}

/** Faults that break a rule both Profit.co and SparkPost document. */
export const APP_RULE_FAULTS = defineIdpFaults([
  {
    id: 'us-host-pinned',
    area: 'idp',
    bug: "sends every request to the app's US host, whatever region the admin's base URL names",
    cites: ['PCO-02', 'SPK-03'],
    caughtBy: ['provisioning/profitco-regional-base-url', 'provisioning/sparkpost-regional-base-url'],
    apply: { connector: (strict) => withContext(strict, (ctx) => redirected(ctx, pinnedToUs)) },
  },
  {
    id: 'group-calls-without-support',
    area: 'idp',
    bug: 'lists /Groups after every user change although the app has no SCIM groups',
    cites: ['PCO-04', 'SPK-04'],
    caughtBy: ['group-sync/profitco-no-groups', 'group-sync/sparkpost-no-groups'],
    apply: {
      connector: (strict) => ({
        ...strict,
        async provisionUser(ctx, user, link) {
          const linked = await strict.provisionUser(ctx, user, link);
          await listGroups(ctx);
          return linked;
        },
        async deprovisionUser(ctx, user, spId) {
          await strict.deprovisionUser(ctx, user, spId);
          await listGroups(ctx);
        },
      }),
    },
  },
  {
    id: 'send-unsupported-attributes',
    area: 'idp',
    bug: "sends displayName, locale and a phone number beyond the app's attribute table",
    cites: ['PCO-05', 'SPK-04'],
    caughtBy: ['provisioning/profitco-attributes', 'provisioning/sparkpost-attributes'],
    apply: {
      connector: (strict) =>
        remapped(strict, (rows) => {
          const mapped = new Set(rows.map((row) => row.scim));
          return [...rows, ...UNSUPPORTED_ROWS.filter((row) => !mapped.has(row.scim))];
        }),
    },
  },
]);
