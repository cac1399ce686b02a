/**
 * The fixture app's fault: it stores displayName as sent (FIX-01 broken).
 */
import { defineAppFaults } from '#mock-sps';
import type { FixtureRules } from './profile.js';

export const FIXTURE_SP_FAULTS = defineAppFaults<FixtureRules>()([
  {
    id: 'fixture-display-name-as-sent',
    area: 'scim',
    app: 'fixture',
    bug: 'stores displayName as sent instead of in upper case',
    cites: ['FIX-01'],
    caughtBy: ['provisioning/fixture-display-name-upper-case'],
    apply: { rules: (strict) => ({ ...strict, displayName: (sent) => sent }) },
  },
]);
