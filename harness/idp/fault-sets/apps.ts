/**
 * IdP fault switches for Profit.co's and SparkPost's connector rules (PCO-*, SPK-*): each makes the reference IdP or
 * its connector break one rule, the way a buggy connector would.
 */
import { isJsonObject } from '../../scim/attribute-access.js';
import type { ScimClient } from '../../scim/client.js';
import { ConnectorError, type Connector, type ConnectorContext } from '../connector.js';
import { mapUser, type AttributeMapping } from '../mapping.js';

export const APPS_IDP_FAULTS = {
  'us-host-pinned':
    "sends every request to the app's US host, whatever region the admin's base URL names (PCO-02, SPK-03)",
  'test-connection-deletes':
    'deletes the connection test user even where the app does not support DELETE (Profit.co), so activation fails (IDP-IDM-01, PCO-03)',
  'group-calls-without-support':
    'lists /Groups after every user change although the app has no SCIM groups (PCO-04, SPK-04)',
  'send-unsupported-attributes':
    "sends displayName, locale and a phone number beyond the app's attribute table (PCO-05, SPK-04)",
  'department-outside-extension':
    'sends the department as a top-level attribute instead of in the enterprise extension (PCO-06)',
  'reactivate-by-create':
    'reactivates a deactivated user by creating it again instead of setting active=true (PCO-07, IDP-IDM-06)',
} as const;

type AppsFault = keyof typeof APPS_IDP_FAULTS;

/** Regional hosts and the US host a pinned connector uses instead (the guides' base URLs). */
const US_HOSTS: readonly (readonly [RegExp, string])[] = [
  [/^eu\.profit\.co$/i, 'api.profit.co'],
  [/^api\.eu\.sparkpost\.com$/i, 'api.sparkpost.com'],
  [/^[^.]+\.api\.e\.sparkpost\.com$/i, 'api.sparkpost.com'],
];

/** Rows a connector sends beyond the app's table (`send-unsupported-attributes`). */
const UNSUPPORTED_ROWS: readonly AttributeMapping[] = [
  { scim: 'displayName', source: { property: 'displayname' }, optional: true },
  { scim: 'locale', source: { property: 'locale' }, optional: true },
  {
    scim: 'phoneNumbers[type eq "work"].value',
    source: { property: 'number', from: 'phone' },
    optional: true,
  },
];

const ENTERPRISE_DEPARTMENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department';

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

/** `base` with every call's context changed by `change`. */
function withContext(base: Connector, change: (ctx: ConnectorContext) => ConnectorContext): Connector {
  return {
    ...base,
    testConnection: (ctx, options) => base.testConnection(change(ctx), options),
    provisionUser: (ctx, user, link) => base.provisionUser(change(ctx), user, link),
    deprovisionUser: (ctx, user, spId) => base.deprovisionUser(change(ctx), user, spId),
    deleteUser: (ctx, user, spId) => base.deleteUser(change(ctx), user, spId),
    syncGroup: (ctx, group, members, link) => base.syncGroup(change(ctx), group, members, link),
    deleteGroup: (ctx, group, spId) => base.deleteGroup(change(ctx), group, spId),
  };
}

/** `base` with this set's connector-level faults among `faults` applied. */
export function applyAppsFaults(base: Connector, faults: ReadonlySet<string>): Connector {
  const has = (fault: AppsFault): boolean => faults.has(fault);
  let connector = base;
  if (has('us-host-pinned')) connector = withContext(connector, (ctx) => redirected(ctx, pinnedToUs));
  if (has('test-connection-deletes')) {
    const test = connector.testConnection;
    connector = {
      ...connector,
      testConnection: (ctx, options) => test(ctx, { ...options, deleteUsers: true }),
    };
  }
  if (has('send-unsupported-attributes')) {
    const provision = connector.provisionUser;
    connector = {
      ...connector,
      provisionUser: (ctx, user, link) => {
        const mapped = new Set(ctx.mappings.map((row) => row.scim));
        const extra = UNSUPPORTED_ROWS.filter((row) => !mapped.has(row.scim));
        return provision({ ...ctx, mappings: [...ctx.mappings, ...extra] }, user, link);
      },
    };
  }
  if (has('department-outside-extension')) {
    const provision = connector.provisionUser;
    connector = {
      ...connector,
      provisionUser: (ctx, user, link) => {
        const mappings = ctx.mappings.map((row) =>
          row.scim === ENTERPRISE_DEPARTMENT ? { ...row, scim: 'department' } : row,
        );
        return provision({ ...ctx, mappings }, user, link);
      },
    };
  }
  if (has('group-calls-without-support')) {
    const { provisionUser, deprovisionUser } = connector;
    const listGroups = async (ctx: ConnectorContext): Promise<void> => void (await ctx.scim.get('/Groups'));
    connector = {
      ...connector,
      provisionUser: async (ctx, user, link) => {
        const linked = await provisionUser(ctx, user, link);
        await listGroups(ctx);
        return linked;
      },
      deprovisionUser: async (ctx, user, spId) => {
        await deprovisionUser(ctx, user, spId);
        await listGroups(ctx);
      },
    };
  }
  if (has('reactivate-by-create')) {
    const provision = connector.provisionUser;
    connector = {
      ...connector,
      provisionUser: async (ctx, user, link) => {
        if (link.spId === undefined || link.lastSent?.active !== false) return provision(ctx, user, link);
        const resource = {
          ...mapUser(user, ctx.mappings, { excluded: ctx.excluded, forCreate: true }),
          active: true,
        };
        const created = await ctx.scim.post('/Users', resource);
        const id = isJsonObject(created.body) ? created.body.id : undefined;
        if (created.status !== 201 || typeof id !== 'string')
          throw new ConnectorError(
            `Re-creating ${user.username} to reactivate it answered ${created.status}`,
          );
        return { spId: id, lastSent: resource };
      },
    };
  }
  return connector;
}
