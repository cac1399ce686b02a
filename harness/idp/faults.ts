/**
 * Named fault switches for the IdP side: each makes the reference IdP (or its
 * connector) break one documented rule, the way a buggy connector would. The
 * suites must catch every one (test/idp/faults.test.ts), which proves the checks
 * that judge a connector can fail.
 */
import { isJsonObject } from '../scim/attribute-access.js';
import type { Connector } from './connector.js';
import { APPS_IDP_FAULTS, applyAppsFaults } from './fault-sets/apps.js';
import { IMPORT_IDP_FAULTS, applyImportFaults } from './fault-sets/import.js';
import { LIFECYCLE_IDP_FAULTS, applyLifecycleFaults } from './fault-sets/lifecycle.js';
import { SALESFORCE_IDP_FAULTS, applySalesforceFaults } from './fault-sets/salesforce.js';
import { mapUser } from './mapping.js';

const CORE_IDP_FAULTS = {
  'no-lookup':
    'creates users without looking them up first, so an existing SP user is duplicated (IDP-IDM-03)',
  'put-updates':
    'pushes changes as a full PUT instead of one PATCH replace per changed attribute (IDP-IDM-13)',
  'string-active': 'deactivates with the string "False" instead of the boolean false (IDP-IDM-13)',
  'create-empty-groups': 'creates bound groups that have no members (IDP-IDM-07)',
  'skip-member-removal': 'never removes members from SP groups (IDP-IDM-07)',
  'delete-where-unsupported':
    'sends DELETE for a user deleted in the directory to an app that only deactivates users (IDP-IDM-05, PCO-07)',
  'deactivate-instead-of-delete':
    'deactivates a user deleted in the directory instead of deleting it (IDP-IDM-05)',
  'drop-optional-attributes': 'sends only the required rows of the mapping (IDP-IDM-04)',
  'leave-test-user': "leaves the connection test's user in the SP (IDP-IDM-01)",
  'activate-without-test': 'activates without testing the connection (IDP-IDM-01)',
  'never-reactivate': 'never sets active=true again on a deactivated user (IDP-IDM-06)',
  'skip-events': 'logs no Directory Insights events (IDP-IDM-10)',
  'sso-ignore-access-control': 'issues assertions to users outside every bound group (IDP-SSO-03)',
  'sso-ignore-deactivation': 'keeps signing users in to an application whose SSO is deactivated (IDP-SSO-08)',
  'sso-unsolicited-in-response-to':
    'puts an InResponseTo on IdP-initiated Responses, which must be unsolicited (IDP-SSO-04)',
  'sso-drop-in-response-to': 'answers an AuthnRequest without InResponseTo (IDP-SSO-05)',
  'sso-keep-deleted-app': 'keeps serving the SSO URL of a deleted application (IDP-SSO-08)',
  'sso-mutable-slug': 'lets the SSO URL slug be edited after creation (IDP-SSO-01)',
  'sso-long-validity':
    'issues assertions valid for an hour instead of NotBefore −5 min / NotOnOrAfter +5 min (IDP-SSO-07)',
  'sso-drop-jit-attributes':
    'leaves the JIT-required attributes out of the assertion (IDP-SSO-06, OUT-05, SF-18)',
  'sso-skip-encryption':
    'sends the assertion in clear although the app has an encryption certificate (IDP-SSO-06, SF-14)',
} as const;

/** Every IdP fault switch: the core's and each area's (harness/idp/fault-sets). */
export const IDP_FAULTS = {
  ...CORE_IDP_FAULTS,
  ...LIFECYCLE_IDP_FAULTS,
  ...IMPORT_IDP_FAULTS,
  ...SALESFORCE_IDP_FAULTS,
  ...APPS_IDP_FAULTS,
} as const;

export type IdpFault = keyof typeof IDP_FAULTS;

export function isIdpFault(name: string): name is IdpFault {
  return Object.hasOwn(IDP_FAULTS, name);
}

const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/**
 * `base` with the connector-level faults among `faults` applied; the others
 * (create-empty-groups, never-reactivate, skip-events) live in the provisioner.
 */
export function withConnectorFaults(base: Connector, faults: ReadonlySet<IdpFault>): Connector {
  if (faults.size === 0) return base;
  const connector = applyAreaFaults({ ...base, name: `${base.name}+faults` }, faults);
  if (faults.has('activate-without-test')) connector.testConnection = async () => undefined;
  if (faults.has('leave-test-user')) {
    connector.testConnection = async (ctx) => {
      await ctx.scim.post('/Users', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: `jumpcloud.test.${Date.now().toString(36)}@example.com`,
      });
    };
  }
  if (faults.has('no-lookup')) {
    const provision = connector.provisionUser;
    connector.provisionUser = async (ctx, user, link) => {
      if (link.spId !== undefined) return provision.call(connector, ctx, user, link);
      const resource = {
        ...mapUser(user, ctx.mappings, { excluded: ctx.excluded, forCreate: true }),
        active: true,
      };
      const created = await ctx.scim.post('/Users', resource);
      const id = isJsonObject(created.body) ? String(created.body.id) : '';
      if (created.status !== 201) throw new Error(`Creating ${user.username} answered ${created.status}`);
      return { spId: id, lastSent: resource };
    };
  }
  if (faults.has('put-updates')) {
    const provision = connector.provisionUser;
    connector.provisionUser = async (ctx, user, link) => {
      if (link.spId === undefined) return provision.call(connector, ctx, user, link);
      const resource = {
        ...mapUser(user, ctx.mappings, { excluded: ctx.excluded, forCreate: false }),
        active: true,
      };
      await ctx.scim.put(`/Users/${link.spId}`, resource);
      return { spId: link.spId, lastSent: resource };
    };
  }
  if (faults.has('string-active')) {
    connector.deprovisionUser = async (ctx, _user, spId) => {
      await ctx.scim.patch(`/Users/${spId}`, {
        schemas: [PATCH],
        Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
      });
    };
  }
  if (faults.has('deactivate-instead-of-delete'))
    connector.deleteUser = (ctx, user, spId) => connector.deprovisionUser(ctx, user, spId);
  if (faults.has('skip-member-removal')) {
    const sync = connector.syncGroup;
    connector.syncGroup = (ctx, group, members, link) =>
      sync.call(connector, ctx, group, members, { ...link, lastMembers: [...members] });
  }
  if (faults.has('drop-optional-attributes')) {
    const provision = connector.provisionUser;
    connector.provisionUser = (ctx, user, link) =>
      provision.call(
        connector,
        { ...ctx, mappings: ctx.mappings.filter((row) => !row.optional) },
        user,
        link,
      );
  }
  return connector;
}

function applyAreaFaults(base: Connector, faults: ReadonlySet<IdpFault>): Connector {
  const steps = [applyLifecycleFaults, applyImportFaults, applySalesforceFaults, applyAppsFaults];
  return steps.reduce((connector, apply) => apply(connector, faults), base);
}
