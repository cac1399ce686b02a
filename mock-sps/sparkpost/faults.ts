/**
 * SparkPost's faults: each replaces one of the account's rules (rules.ts), decorates its
 * hooks or wraps its SCIM requests, so the check that judges the rule is proven able to fail.
 */
import { acceptsGroupCalls, defineAppFaults, skipsRule, unservedHost } from '#mock-sps';
import { isJsonObject, type JsonObject } from '#harness/scim';
import type { SparkPostRules } from './rules.js';

const TOKEN = 'provisioning/sparkpost-token-prerequisites';

/** A user with given and family name swapped, as an SP that maps them the wrong way round stores it. */
function swapNames(user: { resource: JsonObject }): void {
  const name = user.resource.name;
  if (!isJsonObject(name)) return;
  const { givenName, familyName, ...rest } = name;
  user.resource.name = {
    ...rest,
    ...(familyName === undefined ? {} : { givenName: familyName }),
    ...(givenName === undefined ? {} : { familyName: givenName }),
  };
}

/** SparkPost's SCIM faults (its profile's `faults`). */
export const SPARKPOST_SP_FAULTS = defineAppFaults<SparkPostRules>()([
  {
    id: 'token-without-sso',
    area: 'scim',
    app: 'sparkpost',
    bug: 'generates a SCIM token for an account whose SSO is not configured',
    cites: ['SPK-02'],
    caughtBy: [TOKEN],
    apply: skipsRule<SparkPostRules>('tokenNeedsSso'),
  },
  {
    id: 'ignore-plan',
    area: 'scim',
    app: 'sparkpost',
    bug: 'offers SCIM on a plan below Premier',
    cites: ['SPK-02'],
    caughtBy: [TOKEN],
    apply: { rules: (strict) => ({ ...strict, planOffersScim: () => true }) },
  },
  {
    id: 'enterprise-host-unserved',
    area: 'scim',
    app: 'sparkpost',
    bug: 'answers 404 on an enterprise tenant host (<tenant>.api.e.sparkpost.com), so enterprise accounts cannot be provisioned',
    cites: ['SPK-03'],
    caughtBy: ['provisioning/sparkpost-regional-base-url'],
    apply: { around: unservedHost((hostname) => /\.api\.e\.sparkpost\.com$/i.test(hostname)) },
  },
  {
    id: 'swap-first-last-name',
    area: 'scim',
    app: 'sparkpost',
    bug: 'stores name.givenName as lastName and name.familyName as firstName',
    cites: ['SPK-04'],
    caughtBy: ['provisioning/sparkpost-attributes'],
    apply: {
      hooks: (strict) => ({
        ...strict,
        createUser(user) {
          swapNames(user);
          strict.createUser?.(user);
        },
        updateUser(previous, next) {
          swapNames(next);
          strict.updateUser?.(previous, next);
        },
      }),
    },
  },
  {
    id: 'accepts-group-calls',
    area: 'scim',
    app: 'sparkpost',
    bug: 'answers /Groups requests with success although SparkPost keeps no groups',
    cites: ['SPK-04'],
    caughtBy: ['group-sync/sparkpost-no-groups'],
    apply: { around: acceptsGroupCalls },
  },
  {
    id: 'suspended-listed-active',
    area: 'scim',
    app: 'sparkpost',
    bug: 'reports users suspended in SparkPost as active',
    cites: ['SPK-05'],
    caughtBy: ['import/sparkpost-suspended-not-imported'],
    apply: {
      hooks: (strict) => ({
        ...strict,
        representUser: (resource, local) => ({
          ...(strict.representUser ? strict.representUser(resource, local) : resource),
          active: true,
        }),
      }),
    },
  },
]);
