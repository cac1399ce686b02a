/**
 * Salesforce's group row (SF-12): groups follow the directory by displayName.
 */
import type { Scenario } from '#harness/runner';
import { groupRequires, groupRoundTrip } from '#scenarios';
import { defineSalesforceCheck } from '../requirements.js';

export const salesforceGroupChecks: readonly Scenario[] = [
  defineSalesforceCheck({
    id: 'group-sync/salesforce-groups',
    title: 'Salesforce groups follow the directory by displayName: create, rename, membership',
    requirements: ['SF-12', 'IDP-IDM-07', 'IDP-IDM-10'],
    level: 'DOC',
    requires: { ...groupRequires, sp: 'salesforce' },
    run: (ctx) => groupRoundTrip(ctx, 'SF-12', { remove: false }),
  }),
];
