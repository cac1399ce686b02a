/**
 * Interact's faults: each breaks one of the app's documented storage rules through the SP
 * core's seams, so the check that judges the rule is proven able to fail.
 */
import { defineSpFaults } from '#mock-sps';

/** Interact's SCIM faults (its profile's `faults`). */
export const INTERACT_SP_FAULTS = defineSpFaults([
  {
    id: 'no-request-body-log',
    area: 'scim',
    app: 'interact',
    bug: 'keeps no request bodies in its log although body logging is on',
    cites: ['INT-01'],
    caughtBy: ['provisioning/interact-request-body-log'],
    apply: { steps: (strict) => ({ ...strict, logBody: () => undefined }) },
  },
  {
    id: 'drop-formatted-address',
    area: 'scim',
    app: 'interact',
    bug: 'stores addresses.locality as sent instead of as addresses.formatted',
    cites: ['INT-04'],
    caughtBy: ['provisioning/interact-locality-formatted'],
    apply: {
      profile: (profile) =>
        profile.scim ? { ...profile, scim: { ...profile.scim, storedAs: [] } } : profile,
    },
  },
  {
    id: 'reset-unmanaged-attributes',
    area: 'scim',
    app: 'interact',
    bug: 'clears attributes the IdP does not manage on every update',
    cites: ['INT-05'],
    caughtBy: ['provisioning/interact-unmanaged-attributes'],
    apply: { steps: (strict) => ({ ...strict, keepLocal: () => ({}) }) },
  },
]);
