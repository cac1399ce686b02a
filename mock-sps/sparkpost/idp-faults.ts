/**
 * IdP faults that break SparkPost's connector rules (SPK-*). They will move into
 * SparkPost's own folder.
 * @see SPK-05
 */
import { defineIdpFaults } from '#harness/idp';

/** The IdP faults of SparkPost's rules. */
export const SPARKPOST_IDP_FAULTS = defineIdpFaults([
  {
    id: 'import-inactive-users',
    area: 'idp',
    app: 'sparkpost',
    bug: 'offers and imports users inactive in an app whose import skips them',
    cites: ['SPK-05'],
    caughtBy: ['import/sparkpost-suspended-not-imported'],
    apply: { catalog: (strict) => ({ ...strict, importSkipsInactive: false }) },
  },
]);
