/**
 * IdP faults that break SparkPost's connector rules: regions, no groups, its attribute table,
 * and import (SPK-*).
 * @see SPK-03, SPK-04, SPK-05
 */
import { callingGroups, defineIdpFaults, pinnedToHost, sendingUnsupportedRows } from '#harness/idp';

/** The IdP faults of SparkPost's rules. */
export const SPARKPOST_IDP_FAULTS = defineIdpFaults([
  {
    id: 'sparkpost-us-host-pinned',
    area: 'idp',
    app: 'sparkpost',
    bug: "sends every request to SparkPost's US host, whatever region the admin's base URL names",
    cites: ['SPK-03'],
    caughtBy: ['provisioning/sparkpost-regional-base-url'],
    apply: pinnedToHost([
      [/^api\.eu\.sparkpost\.com$/i, 'api.sparkpost.com'],
      [/^[^.]+\.api\.e\.sparkpost\.com$/i, 'api.sparkpost.com'],
    ]),
  },
  {
    id: 'sparkpost-group-calls',
    area: 'idp',
    app: 'sparkpost',
    bug: 'lists /Groups after every user change although SparkPost has no SCIM groups',
    cites: ['SPK-04'],
    caughtBy: ['group-sync/sparkpost-no-groups'],
    apply: callingGroups,
  },
  {
    id: 'sparkpost-unsupported-attributes',
    area: 'idp',
    app: 'sparkpost',
    bug: "sends displayName, locale and a phone number beyond SparkPost's attribute table",
    cites: ['SPK-04'],
    caughtBy: ['provisioning/sparkpost-attributes'],
    apply: sendingUnsupportedRows,
  },
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
