/**
 * IdP fault switches for Salesforce's connector rules (SF-01…SF-13): each makes the reference IdP or
 * its connector break one rule, the way a buggy connector would. 'oauth-accept-pasted-token' is read
 * where the integration is activated, 'no-token-refresh' and 'production-login-for-sandbox' by the
 * OAuth consent (harness/idp/oauth.ts); the others rewrite the app's mapping rows or wrap the connector
 * here, so they act on whichever app has the rows they name.
 */
import type { Connector, ConnectorContext } from '../connector.js';
import type { DirectoryUser } from '../directory.js';
import { mapUser, type AttributeMapping } from '../mapping.js';

export const SALESFORCE_IDP_FAULTS = {
  'oauth-accept-pasted-token':
    'activates an OAuth-authorised app (Salesforce) with a pasted token instead of the consent flow (SF-01)',
  'no-token-refresh': 'never refreshes an expired OAuth access token, so provisioning stops (SF-01)',
  'production-login-for-sandbox': "runs the Sandbox connector's consent at the production login (SF-01)",
  'username-not-email': 'sends the directory username as userName instead of the email (SF-02)',
  'overwrite-create-only':
    'sends the create-only rows (entitlement, nickName, locale, preferredLanguage) on updates too (SF-03, SF-05)',
  'email-change-recreates-user':
    'deactivates a user whose email changed and creates another SP user for the new email (SF-04)',
  'language-from-directory': "sends the directory's locale and preferred language instead of en_US (SF-05)",
  'send-all-addresses': 'sends every directory address and phone number, not one of each (SF-06)',
  'hide-sync-errors':
    'reports a refused create or update as a success, with no failure event (SF-07, IDP-IDM-10)',
  'ignore-password-expiry': 'keeps a user whose password expired active in the SP (SF-08)',
  'employee-id-as-external-id':
    'sends employeeIdentifier as externalId instead of the enterprise employeeNumber (SF-09)',
  'send-federation-id':
    'sends the email as externalId, as a connector filling the Federation ID would (SF-10)',
} as const;

type SalesforceIdpFault = keyof typeof SALESFORCE_IDP_FAULTS;

const ADDRESS_TYPES = ['work', 'home'] as const;
const PHONE_TYPES = ['work', 'mobile', 'home'] as const;

/** The top-level attribute (or extension URN) a mapping row writes. */
function topLevel(scim: string): string {
  return /^(urn:.+):[^:]+$/.exec(scim)?.[1] ?? scim.split(/[.[]/)[0]!;
}

/** The row rewritten where it names `scim` with a source `test` accepts. */
function rewrite(
  rows: readonly AttributeMapping[],
  test: (row: AttributeMapping) => boolean,
  change: (row: AttributeMapping) => AttributeMapping,
): AttributeMapping[] {
  return rows.map((row) => (test(row) ? change(row) : row));
}

/** Every value-path row of `attr` repeated for each of `types` (the rows name the work one). */
function allOfType(
  rows: readonly AttributeMapping[],
  attr: string,
  types: readonly string[],
): AttributeMapping[] {
  const work = rows.filter((row) => row.scim.startsWith(`${attr}[type eq "work"]`));
  const extra = types
    .filter((type) => type !== 'work')
    .flatMap((type) => work.map((row) => ({ ...row, scim: row.scim.replace('"work"', `"${type}"`) })));
  return [...rows, ...extra];
}

const MAPPING_FAULTS: Partial<
  Record<SalesforceIdpFault, (rows: readonly AttributeMapping[]) => AttributeMapping[]>
> = {
  'username-not-email': (rows) =>
    rewrite(
      rows,
      (row) => row.scim === 'userName' && 'property' in row.source && row.source.property === 'email',
      (row) => ({ ...row, source: { property: 'username' } }),
    ),
  'language-from-directory': (rows) =>
    rewrite(
      rows,
      (row) => (row.scim === 'locale' || row.scim === 'preferredLanguage') && 'constant' in row.source,
      (row) => ({ ...row, source: { property: row.scim } }),
    ),
  'send-all-addresses': (rows) =>
    allOfType(allOfType(rows, 'addresses', ADDRESS_TYPES), 'phoneNumbers', PHONE_TYPES),
  'employee-id-as-external-id': (rows) =>
    rewrite(
      rows,
      (row) => row.scim.endsWith(':employeeNumber'),
      (row) => ({ ...row, scim: 'externalId' }),
    ),
  'send-federation-id': (rows) =>
    rows.some((row) => row.scim === 'externalId')
      ? [...rows]
      : [...rows, { scim: 'externalId', source: { property: 'email' }, optional: true }],
};

/** `base` with this set's connector-level faults among `faults` applied. */
export function applySalesforceFaults(base: Connector, faults: ReadonlySet<string>): Connector {
  const has = (fault: SalesforceIdpFault): boolean => faults.has(fault);
  const connector = { ...base };
  const rewrites = Object.entries(MAPPING_FAULTS).filter(([fault]) => faults.has(fault));
  if (rewrites.length > 0) {
    const provision = connector.provisionUser;
    const remap = (ctx: ConnectorContext): ConnectorContext => ({
      ...ctx,
      mappings: rewrites.reduce((rows, [, change]) => change!(rows), ctx.mappings),
    });
    connector.provisionUser = (ctx, user, link) => provision.call(connector, remap(ctx), user, link);
  }
  if (has('overwrite-create-only')) {
    const provision = connector.provisionUser;
    connector.provisionUser = (ctx, user, link) => {
      const createOnly = new Set(
        ctx.mappings.filter((row) => row.createOnly).map((row) => topLevel(row.scim)),
      );
      const lastSent =
        link.lastSent &&
        Object.fromEntries(Object.entries(link.lastSent).filter(([key]) => !createOnly.has(key)));
      return provision.call(
        connector,
        { ...ctx, mappings: ctx.mappings.map((row) => ({ ...row, createOnly: false })) },
        user,
        { ...link, ...(lastSent ? { lastSent } : {}) },
      );
    };
  }
  if (has('email-change-recreates-user')) {
    const provision = connector.provisionUser;
    connector.provisionUser = async (ctx, user, link) => {
      if (link.spId !== undefined && link.lastSent !== undefined) {
        const next = mapUser(user, ctx.mappings, { excluded: ctx.excluded, forCreate: false });
        if (JSON.stringify(next.emails) !== JSON.stringify(link.lastSent.emails)) {
          await connector.deprovisionUser(ctx, user, link.spId);
          return provision.call(connector, ctx, user, {});
        }
      }
      return provision.call(connector, ctx, user, link);
    };
  }
  if (has('hide-sync-errors')) {
    const provision = connector.provisionUser;
    connector.provisionUser = async (ctx, user, link) => {
      const quiet: ConnectorContext = {
        ...ctx,
        log: (event) => (event.outcome === 'failure' ? undefined : ctx.log(event)),
      };
      try {
        return await provision.call(connector, quiet, user, link);
      } catch {
        ctx.log({
          event_type: link.spId === undefined ? 'user_create_provision' : 'user_update_provision',
          outcome: 'success',
          resource: { type: 'user', id: user.id, name: user.username },
          detail: 'synced',
        });
        return { spId: link.spId ?? '', lastSent: link.lastSent ?? {} };
      }
    };
  }
  if (has('ignore-password-expiry')) {
    const provision = connector.provisionUser;
    const deprovision = connector.deprovisionUser;
    const unexpired = (user: DirectoryUser): DirectoryUser => ({ ...user, passwordExpired: false });
    connector.provisionUser = (ctx, user, link) => provision.call(connector, ctx, unexpired(user), link);
    connector.deprovisionUser = async (ctx, user, spId) => {
      if (user.passwordExpired && !user.suspended) return;
      await deprovision.call(connector, ctx, user, spId);
    };
  }
  return connector;
}
