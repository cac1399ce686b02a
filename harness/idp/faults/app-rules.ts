/**
 * Connector bugs that break a rule several apps document: a connector that ignores the admin's
 * regional base URL, calls /Groups where the app has none, or sends attributes beyond the
 * app's table. Each app whose rule it breaks has its own record (in its folder) built from
 * these decorators, with its own hosts and its own catching checks.
 * @see PCO-02, PCO-04, PCO-05; SPK-03, SPK-04
 */
import type { ScimClient } from '#harness/scim';
import type { ConnectorContext } from '../connector.js';
import { withContext } from '../connector-context.js';
import type { IdpFaultApply } from '../fault-seams.js';
import type { AttributeMapping } from '../mapping.js';
import { remapped } from './wrappers.js';

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

/** `url` on the host `hosts` maps its host to, if any. */
function pinned(url: string, hosts: readonly (readonly [RegExp, string])[]): string {
  const parsed = new URL(url);
  const home = hosts.find(([host]) => host.test(parsed.hostname))?.[1];
  if (home === undefined) return url;
  parsed.hostname = home;
  return parsed.href;
}

/** `ctx` whose transport (and so every client on it) sends each request to `rewrite(url)` instead. */
function redirected(ctx: ConnectorContext, rewrite: (url: string) => string): ConnectorContext {
  const scim = Object.create(ctx.scim) as ScimClient;
  scim.request = (method, path, options) => ctx.scim.request(method, rewrite(ctx.scim.url(path)), options);
  return { ...ctx, scim, transport: (url, init) => ctx.transport(rewrite(url), init) };
}

async function listGroups(ctx: ConnectorContext): Promise<void> {
  await ctx.scim.get('/Groups');
}

/** A connector that sends every request to the app's home host, whatever region the base URL names. */
export function pinnedToHost(hosts: readonly (readonly [RegExp, string])[]): IdpFaultApply {
  return {
    connector: (strict) => withContext(strict, (ctx) => redirected(ctx, (url) => pinned(url, hosts))),
  };
}

/** A connector that lists /Groups after every user change, as if the app had SCIM groups. */
export const callingGroups: IdpFaultApply = {
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
};

/** A connector that sends displayName, locale and a phone number beyond the app's attribute table. */
export const sendingUnsupportedRows: IdpFaultApply = {
  connector: (strict) =>
    remapped(strict, (rows) => {
      const mapped = new Set(rows.map((row) => row.scim));
      return [...rows, ...UNSUPPORTED_ROWS.filter((row) => !mapped.has(row.scim))];
    }),
};
