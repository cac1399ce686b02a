/**
 * IdP faults that break Salesforce's connector rules (SF-01…SF-10): the OAuth consent, the
 * username, create-only and picklist fields, addresses, the enterprise extension and the
 * Federation ID. The mapping ones rewrite the rows they name, so they act on whichever app
 * has those rows.
 * @see SF-01…SF-10
 */
import {
  OAuthError,
  defineIdpFaults,
  mapUser,
  remapped,
  type AttributeMapping,
  type ConnectorContext,
  type DirectoryUser,
} from '#harness/idp';

const CONSENT = 'provisioning/salesforce-oauth-consent';
const USERNAME = 'provisioning/salesforce-username-rules';
const CREATE_ONLY = 'provisioning/salesforce-create-only-fields';

/** The top-level attribute (or extension URN) a mapping row writes. */
function topLevel(scim: string): string {
  return /^(urn:.+):[^:]+$/.exec(scim)?.[1] ?? scim.split(/[.[]/)[0]!;
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

/** The IdP faults of Salesforce's rules. */
export const SALESFORCE_IDP_FAULTS = defineIdpFaults([
  {
    id: 'oauth-accept-pasted-token',
    area: 'idp',
    app: 'salesforce',
    bug: 'activates an OAuth-authorised app (Salesforce) with a pasted token instead of the consent flow',
    cites: ['SF-01'],
    caughtBy: [CONSENT],
    apply: { steps: (strict) => ({ ...strict, acceptsPastedToken: () => true }) },
  },
  {
    id: 'no-token-refresh',
    area: 'idp',
    app: 'salesforce',
    bug: 'never refreshes an expired OAuth access token, so provisioning stops',
    cites: ['SF-01'],
    caughtBy: [CONSENT],
    apply: {
      steps: (strict) => ({
        ...strict,
        refreshAccessToken: () =>
          Promise.reject(new OAuthError('this IdP never refreshes an OAuth access token')),
      }),
    },
  },
  {
    id: 'production-login-for-sandbox',
    area: 'idp',
    app: 'salesforce',
    bug: "runs the Sandbox connector's consent at the production login",
    cites: ['SF-01'],
    caughtBy: ['provisioning/salesforce-sandbox'],
    apply: { steps: (strict) => ({ ...strict, loginEnvironment: () => 'production' }) },
  },
  {
    id: 'username-not-email',
    area: 'idp',
    app: 'salesforce',
    bug: 'sends the directory username as userName instead of the email',
    cites: ['SF-02'],
    caughtBy: [USERNAME],
    apply: {
      connector: (strict) =>
        remapped(strict, (rows) =>
          rows.map((row) =>
            row.scim === 'userName' && 'property' in row.source && row.source.property === 'email'
              ? { ...row, source: { property: 'username' } }
              : row,
          ),
        ),
    },
  },
  {
    id: 'overwrite-create-only',
    area: 'idp',
    app: 'salesforce',
    bug: 'sends the create-only rows (entitlement, nickName, locale, preferredLanguage) on updates too',
    cites: ['SF-03', 'SF-05'],
    caughtBy: ['provisioning/salesforce-entitlement', CREATE_ONLY],
    apply: {
      connector: (strict) => ({
        ...strict,
        provisionUser(ctx, user, link) {
          const createOnly = new Set(
            ctx.mappings.filter((row) => row.createOnly).map((row) => topLevel(row.scim)),
          );
          // Forgets having sent them, so the update sends them again.
          const lastSent =
            link.lastSent &&
            Object.fromEntries(Object.entries(link.lastSent).filter(([key]) => !createOnly.has(key)));
          return strict.provisionUser(
            { ...ctx, mappings: ctx.mappings.map((row) => ({ ...row, createOnly: false })) },
            user,
            { ...link, ...(lastSent ? { lastSent } : {}) },
          );
        },
      }),
    },
  },
  {
    id: 'email-change-recreates-user',
    area: 'idp',
    app: 'salesforce',
    bug: 'deactivates a user whose email changed and creates another SP user for the new email',
    cites: ['SF-04'],
    caughtBy: ['provisioning/salesforce-email-change'],
    apply: {
      connector: (strict) => ({
        ...strict,
        async provisionUser(ctx, user, link) {
          if (link.spId !== undefined && link.lastSent !== undefined) {
            const next = mapUser(user, ctx.mappings, { excluded: ctx.excluded, forCreate: false });
            if (JSON.stringify(next.emails) !== JSON.stringify(link.lastSent.emails)) {
              await strict.deprovisionUser(ctx, user, link.spId);
              return strict.provisionUser(ctx, user, {});
            }
          }
          return strict.provisionUser(ctx, user, link);
        },
      }),
    },
  },
  {
    id: 'language-from-directory',
    area: 'idp',
    app: 'salesforce',
    bug: "sends the directory's locale and preferred language instead of en_US",
    cites: ['SF-05'],
    caughtBy: [CREATE_ONLY],
    apply: {
      connector: (strict) =>
        remapped(strict, (rows) =>
          rows.map((row) =>
            (row.scim === 'locale' || row.scim === 'preferredLanguage') && 'constant' in row.source
              ? { ...row, source: { property: row.scim } }
              : row,
          ),
        ),
    },
  },
  {
    id: 'send-all-addresses',
    area: 'idp',
    app: 'salesforce',
    bug: 'sends every directory address and phone number, not one of each',
    cites: ['SF-06'],
    caughtBy: ['provisioning/salesforce-one-address-phone'],
    apply: {
      connector: (strict) =>
        remapped(strict, (rows) =>
          allOfType(allOfType(rows, 'addresses', ['work', 'home']), 'phoneNumbers', [
            'work',
            'mobile',
            'home',
          ]),
        ),
    },
  },
  {
    id: 'hide-sync-errors',
    area: 'idp',
    app: 'salesforce',
    bug: 'reports a refused create or update as a success, with no failure event',
    cites: ['SF-07', 'IDP-IDM-10'],
    caughtBy: ['provisioning/salesforce-picklists', USERNAME],
    apply: {
      connector: (strict) => ({
        ...strict,
        async provisionUser(ctx, user, link) {
          const quiet: ConnectorContext = {
            ...ctx,
            log: (event) => (event.outcome === 'failure' ? undefined : ctx.log(event)),
          };
          try {
            return await strict.provisionUser(quiet, user, link);
          } catch {
            ctx.log({
              event_type: link.spId === undefined ? 'user_create_provision' : 'user_update_provision',
              outcome: 'success',
              resource: { type: 'user', id: user.id, name: user.username },
              detail: 'synced',
            });
            return { spId: link.spId ?? '', lastSent: link.lastSent ?? {} };
          }
        },
      }),
    },
  },
  {
    id: 'ignore-password-expiry',
    area: 'idp',
    app: 'salesforce',
    bug: 'keeps a user whose password expired active in the SP',
    cites: ['SF-08'],
    caughtBy: ['provisioning/salesforce-active'],
    apply: {
      connector: (strict) => {
        const unexpired = (user: DirectoryUser): DirectoryUser => ({ ...user, passwordExpired: false });
        return {
          ...strict,
          provisionUser: (ctx, user, link) => strict.provisionUser(ctx, unexpired(user), link),
          async deprovisionUser(ctx, user, spId) {
            if (!user.passwordExpired || user.suspended) await strict.deprovisionUser(ctx, user, spId);
          },
        };
      },
    },
  },
  {
    id: 'employee-id-as-external-id',
    area: 'idp',
    app: 'salesforce',
    bug: 'sends employeeIdentifier as externalId instead of the enterprise employeeNumber',
    cites: ['SF-09'],
    caughtBy: ['provisioning/salesforce-enterprise-extension'],
    apply: {
      connector: (strict) =>
        remapped(strict, (rows) =>
          rows.map((row) => (row.scim.endsWith(':employeeNumber') ? { ...row, scim: 'externalId' } : row)),
        ),
    },
  },
  {
    id: 'send-federation-id',
    area: 'idp',
    app: 'salesforce',
    bug: 'sends the email as externalId, as a connector filling the Federation ID would',
    cites: ['SF-10'],
    caughtBy: ['provisioning/salesforce-no-federation-id'],
    apply: {
      connector: (strict) =>
        remapped(strict, (rows) =>
          rows.some((row) => row.scim === 'externalId')
            ? rows
            : [...rows, { scim: 'externalId', source: { property: 'email' }, optional: true }],
        ),
    },
  },
]);
