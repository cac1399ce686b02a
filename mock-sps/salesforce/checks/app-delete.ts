/**
 * SF-13: deleting the Salesforce application at the IdP leaves its users active in Salesforce.
 */
import type { Scenario } from '#harness/runner';
import { appDeleteLeavesUsers, provisioningRequires as requires } from '#scenarios';
import { defineSalesforceCheck } from '../requirements.js';

export const salesforceAppDeleteChecks: readonly Scenario[] = [
  defineSalesforceCheck({
    id: 'provisioning/salesforce-app-delete-leaves-users',
    title:
      'deleting the Salesforce application leaves its users active in Salesforce and removes its SSO URL',
    requirements: ['SF-13', 'IDP-SSO-08'],
    level: 'DOC',
    requires: { ...requires, sp: 'salesforce' },
    run: (ctx) => appDeleteLeavesUsers(ctx, 'SF-13', { sso: true }),
  }),
];
