/**
 * IdP faults that break Profit.co's connector rules: the connection test, departments and
 * reactivation, and the region, groups and attributes it shares with other apps (PCO-*).
 * @see PCO-03, PCO-06, PCO-07
 */
import {
  callingGroups,
  createBlindly,
  defineIdpFaults,
  pinnedToHost,
  remapped,
  sendingUnsupportedRows,
} from '#harness/idp';
import { ENTERPRISE_USER_SCHEMA } from '#harness/scim';

const ENTERPRISE_DEPARTMENT = `${ENTERPRISE_USER_SCHEMA}:department`;

/** The IdP faults of Profit.co's rules. */
export const PROFITCO_IDP_FAULTS = defineIdpFaults([
  {
    id: 'profitco-us-host-pinned',
    area: 'idp',
    app: 'profitco',
    bug: "sends every request to Profit.co's US host, whatever region the admin's base URL names",
    cites: ['PCO-02'],
    caughtBy: ['provisioning/profitco-regional-base-url'],
    apply: pinnedToHost([[/^eu\.profit\.co$/i, 'api.profit.co']]),
  },
  {
    id: 'profitco-group-calls',
    area: 'idp',
    app: 'profitco',
    bug: 'lists /Groups after every user change although Profit.co has no SCIM groups',
    cites: ['PCO-04'],
    caughtBy: ['group-sync/profitco-no-groups'],
    apply: callingGroups,
  },
  {
    id: 'profitco-unsupported-attributes',
    area: 'idp',
    app: 'profitco',
    bug: "sends displayName, locale and a phone number beyond Profit.co's attribute table",
    cites: ['PCO-05'],
    caughtBy: ['provisioning/profitco-attributes'],
    apply: sendingUnsupportedRows,
  },
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
