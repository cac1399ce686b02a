/**
 * IdP faults that break Profit.co's connector rules: the connection test, departments and
 * reactivation (PCO-*). They will move into Profit.co's own folder.
 * @see PCO-03, PCO-06, PCO-07
 */
import { createBlindly, defineIdpFaults, remapped } from '#harness/idp';
import { ENTERPRISE_USER_SCHEMA } from '#harness/scim';

const ENTERPRISE_DEPARTMENT = `${ENTERPRISE_USER_SCHEMA}:department`;

/** The IdP faults of Profit.co's rules. */
export const PROFITCO_IDP_FAULTS = defineIdpFaults([
  {
    id: 'test-connection-deletes',
    area: 'idp',
    app: 'profitco',
    bug: 'deletes the connection test user even where the app does not support DELETE (Profit.co), so activation fails',
    cites: ['IDP-IDM-01', 'PCO-03'],
    caughtBy: ['provisioning/profitco-test-connection'],
    apply: {
      connector: (strict) => ({
        ...strict,
        testConnection: (ctx, options) => strict.testConnection(ctx, { ...options, deleteUsers: true }),
      }),
    },
  },
  {
    id: 'department-outside-extension',
    area: 'idp',
    app: 'profitco',
    bug: 'sends the department as a top-level attribute instead of in the enterprise extension',
    cites: ['PCO-06'],
    caughtBy: ['provisioning/profitco-departments'],
    apply: {
      connector: (strict) =>
        remapped(strict, (rows) =>
          rows.map((row) => (row.scim === ENTERPRISE_DEPARTMENT ? { ...row, scim: 'department' } : row)),
        ),
    },
  },
  {
    id: 'reactivate-by-create',
    area: 'idp',
    app: 'profitco',
    bug: 'reactivates a deactivated user by creating it again instead of setting active=true',
    cites: ['PCO-07', 'IDP-IDM-06'],
    caughtBy: ['provisioning/profitco-lifecycle'],
    apply: {
      connector: (strict) => ({
        ...strict,
        provisionUser: (ctx, user, link) =>
          link.spId === undefined || link.lastSent?.active !== false
            ? strict.provisionUser(ctx, user, link)
            : createBlindly(
                ctx,
                user,
                (status) => `Re-creating ${user.username} to reactivate it answered ${status}`,
              ),
      }),
    },
  },
]);
