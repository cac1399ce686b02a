/**
 * IdP faults of the user lifecycle: the connection test, creating, updating, deactivating,
 * reactivating and deleting users, and the events that record it.
 * @see IDP-IDM-01, -03…06, -10, -13
 */
import { PATCH_OP_SCHEMA } from '#harness/scim';
import { USER_SCHEMA } from '#harness/scim';
import { defineIdpFaults } from '../fault-seams.js';
import { mapUser } from '../mapping.js';
import { createBlindly, remapped } from './wrappers.js';

/** Faults of the user lifecycle. */
export const USER_FAULTS = defineIdpFaults([
  {
    id: 'no-lookup',
    area: 'idp',
    bug: 'creates users without looking them up first, so an existing SP user is duplicated',
    cites: ['IDP-IDM-03'],
    caughtBy: [
      'provisioning/create-on-membership',
      'provisioning/takeover-existing-user',
      'import/managed-only-when-bound',
    ],
    apply: {
      connector: (strict) => ({
        ...strict,
        provisionUser: (ctx, user, link) =>
          link.spId === undefined
            ? createBlindly(ctx, user, (status) => `Creating ${user.username} answered ${status}`)
            : strict.provisionUser(ctx, user, link),
      }),
    },
  },
  {
    id: 'put-updates',
    area: 'idp',
    bug: 'pushes changes as a full PUT instead of one PATCH replace per changed attribute',
    cites: ['IDP-IDM-13'],
    caughtBy: ['provisioning/attribute-update'],
    apply: {
      connector: (strict) => ({
        ...strict,
        async provisionUser(ctx, user, link) {
          if (link.spId === undefined) return strict.provisionUser(ctx, user, link);
          const resource = {
            ...mapUser(user, ctx.mappings, { excluded: ctx.excluded, forCreate: false }),
            active: true,
          };
          await ctx.scim.put(`/Users/${link.spId}`, resource);
          return { spId: link.spId, lastSent: resource };
        },
      }),
    },
  },
  {
    id: 'string-active',
    area: 'idp',
    bug: 'deactivates with the string "False" instead of the boolean false',
    cites: ['IDP-IDM-13'],
    caughtBy: ['deactivation/suspend'],
    apply: {
      connector: (strict) => ({
        ...strict,
        async deprovisionUser(ctx, _user, spId) {
          await ctx.scim.patch(`/Users/${spId}`, {
            schemas: [PATCH_OP_SCHEMA],
            Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
          });
        },
      }),
    },
  },
  {
    id: 'delete-where-unsupported',
    area: 'idp',
    bug: 'sends DELETE for a user deleted in the directory to an app that only deactivates users',
    cites: ['IDP-IDM-05', 'PCO-07'],
    caughtBy: ['deactivation/delete-user-without-delete'],
    apply: {
      steps: (strict) => ({
        ...strict,
        removeDeletedUser: (p, app, user, link) => p.connector.deleteUser(p.contextOf(app), user, link.spId),
      }),
    },
  },
  {
    id: 'deactivate-instead-of-delete',
    area: 'idp',
    bug: 'deactivates a user deleted in the directory instead of deleting it',
    cites: ['IDP-IDM-05'],
    caughtBy: ['deactivation/delete-user'],
    apply: { connector: (strict) => ({ ...strict, deleteUser: strict.deprovisionUser }) },
  },
  {
    id: 'drop-optional-attributes',
    area: 'idp',
    bug: 'sends only the required rows of the mapping',
    cites: ['IDP-IDM-04'],
    caughtBy: ['provisioning/interact-attribute-mapping', 'provisioning/interact-locality-formatted'],
    apply: { connector: (strict) => remapped(strict, (rows) => rows.filter((row) => !row.optional)) },
  },
  {
    id: 'leave-test-user',
    area: 'idp',
    bug: "leaves the connection test's user in the SP",
    cites: ['IDP-IDM-01'],
    caughtBy: ['provisioning/activation-test-connection'],
    apply: {
      connector: (strict) => ({
        ...strict,
        async testConnection(ctx) {
          await ctx.scim.post('/Users', {
            schemas: [USER_SCHEMA],
            userName: `jumpcloud.test.${Date.now().toString(36)}@example.com`,
          });
        },
      }),
    },
  },
  {
    id: 'activate-without-test',
    area: 'idp',
    bug: 'activates without testing the connection',
    cites: ['IDP-IDM-01'],
    caughtBy: ['provisioning/activation-refused'],
    apply: { connector: (strict) => ({ ...strict, testConnection: async () => undefined }) },
  },
  {
    id: 'never-reactivate',
    area: 'idp',
    bug: 'never sets active=true again on a deactivated user',
    cites: ['IDP-IDM-06'],
    caughtBy: ['deactivation/unsuspend', 'deactivation/rebind'],
    apply: {
      steps: (strict) => ({
        ...strict,
        activateUser: async (p, app, user, link) => {
          if (link?.active !== false) await strict.activateUser(p, app, user, link);
        },
      }),
    },
  },
  {
    id: 'skip-events',
    area: 'idp',
    bug: 'logs no Directory Insights events',
    cites: ['IDP-IDM-10'],
    caughtBy: ['provisioning/create-on-membership', 'deactivation/suspend', 'deactivation/delete-user'],
    apply: { steps: (strict) => ({ ...strict, keepEvent: () => undefined }) },
  },
]);
