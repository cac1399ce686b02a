/**
 * Profit.co's faults: each replaces one of the account's rules (rules.ts), decorates its
 * hooks or wraps its SCIM requests, so the check that judges the rule is proven able to fail.
 */
import { acceptsGroupCalls, defineAppFaults, skipsRule, unservedHost } from '#mock-sps';
import { PROFITCO_REGIONS } from './quirks.js';
import { keysOf, type ProfitcoRules } from './rules.js';

const ATTRIBUTES = 'provisioning/profitco-attributes';
const DEPARTMENTS = 'provisioning/profitco-departments';

/** Profit.co's SCIM faults (its profile's `faults`). */
export const PROFITCO_SP_FAULTS = defineAppFaults<ProfitcoRules>()([
  {
    id: 'accept-malformed-token',
    area: 'scim',
    app: 'profitco',
    bug: 'accepts the SCIM Key (or the API Key) alone as the token instead of "<API Key>:<SCIM Key>"',
    cites: ['PCO-02'],
    caughtBy: ['provisioning/profitco-token-format', 'provisioning/profitco-test-connection'],
    apply: {
      rules: (strict) => ({
        ...strict,
        token: (token, account) =>
          keysOf(account.token).includes(token) ? undefined : strict.token(token, account),
      }),
    },
  },
  {
    id: 'eu-host-unserved',
    area: 'scim',
    app: 'profitco',
    bug: 'answers 404 on its EU host, so an EU account cannot be provisioned',
    cites: ['PCO-02'],
    caughtBy: ['provisioning/profitco-regional-base-url'],
    apply: { around: unservedHost((hostname) => hostname === PROFITCO_REGIONS.eu) },
  },
  {
    id: 'serves-groups',
    area: 'scim',
    app: 'profitco',
    bug: 'answers /Groups as if it had groups, although Profit.co has none',
    cites: ['PCO-04'],
    caughtBy: ['group-sync/profitco-no-groups'],
    apply: { around: acceptsGroupCalls },
  },
  {
    id: 'drop-title',
    area: 'scim',
    app: 'profitco',
    bug: 'does not store the job title the IdP sends',
    cites: ['PCO-05'],
    caughtBy: [ATTRIBUTES],
    apply: {
      rules: (strict) => ({
        ...strict,
        supportedAttributes(resource) {
          delete resource.title;
          strict.supportedAttributes(resource);
        },
      }),
    },
  },
  {
    id: 'keep-unsupported-attributes',
    area: 'scim',
    app: 'profitco',
    bug: 'stores attributes outside givenName, familyName, email, active, title and department',
    cites: ['PCO-05'],
    caughtBy: [ATTRIBUTES],
    apply: skipsRule<ProfitcoRules>('supportedAttributes'),
  },
  {
    id: 'duplicate-department',
    area: 'scim',
    app: 'profitco',
    bug: 'creates a new department when one of the same name exists disabled or in another case',
    cites: ['PCO-06'],
    caughtBy: [DEPARTMENTS],
    apply: {
      rules: (strict) => ({
        ...strict,
        departmentMatch: (departments, name) =>
          departments.find((department) => department.enabled && department.name === name),
      }),
    },
  },
  {
    id: 'place-in-disabled-department',
    area: 'scim',
    app: 'profitco',
    bug: 'places users in a disabled department',
    cites: ['PCO-06'],
    caughtBy: [DEPARTMENTS],
    apply: { rules: (strict) => ({ ...strict, departmentOpen: () => true }) },
  },
  {
    id: 'ignore-reactivation',
    area: 'scim',
    app: 'profitco',
    bug: 'keeps a deactivated user inactive when the IdP sets active=true',
    cites: ['PCO-07'],
    caughtBy: ['provisioning/profitco-lifecycle'],
    apply: {
      hooks: (strict) => ({
        ...strict,
        updateUser(previous, next) {
          strict.updateUser?.(previous, next);
          if (previous.resource.active === false) next.resource.active = false;
        },
      }),
    },
  },
]);
