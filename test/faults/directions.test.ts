import { allScenarios } from '#registry';
import { expect, it } from 'vitest';
import { IDP_FAULT_CATCHERS, SP_FAULT_CATCHERS } from './catalog.js';

/**
 * App-specific SCIM checks that only one side can break, with the reason. Every other
 * app-specific check is caught twice: by a faulty SP and by a faulty connector.
 */
const ONE_DIRECTION: Record<string, { only: 'sp' | 'connector'; why: string }> = {
  'provisioning/interact-base-url': {
    only: 'sp',
    why: 'the base URL and the token are the SP’s; the IdP sends what the admin pasted',
  },
  'provisioning/interact-inactive-integration': {
    only: 'sp',
    why: 'the Active flag is an SP setting the IdP cannot see',
  },
  'provisioning/interact-request-body-log': { only: 'sp', why: 'the request log is the SP’s own' },
  'provisioning/interact-unmanaged-attributes': {
    only: 'sp',
    why: 'the IdP never names the unmanaged attributes; only the SP can lose them',
  },
  'provisioning/interact-token-rotation': {
    only: 'sp',
    why: 'the SP replaces the token; the IdP’s side of the rule is provisioning/idm-token-change',
  },
  'provisioning/interact-attribute-mapping': {
    only: 'connector',
    why: 'the SP stores what it is sent; its storage rules have their own checks (INT-04 locality, INT-05)',
  },
  'provisioning/profitco-token-format': {
    only: 'sp',
    why: 'the admin forms the token and the IdP sends it unchanged',
  },
  'provisioning/sparkpost-token-prerequisites': {
    only: 'sp',
    why: 'generating the token is an action in the SP’s admin console',
  },
  'provisioning/salesforce-jit-exclusive': {
    only: 'sp',
    why: 'the outcome depends on the org’s SAML identity and JIT settings; a faithful org ignores a Federation ID sent over SCIM (SF-10)',
  },
  'provisioning/salesforce-active': {
    only: 'connector',
    why: 'active is computed at the IdP (not suspended and password not expired); the SP stores what it is sent',
  },
  'provisioning/salesforce-app-delete-leaves-users': {
    only: 'connector',
    why: 'deleting the application sends the SP nothing; only an IdP that deprovisions can break it',
  },
  'provisioning/sparkpost-excluded-attributes': {
    only: 'connector',
    why: 'which attributes are sent is the IdP’s choice alone',
  },
};

const APP_SUITES = ['provisioning', 'group-sync', 'import', 'deactivation'];
const appChecks = allScenarios.filter(
  (scenario) => scenario.requires?.sp !== undefined && APP_SUITES.includes(scenario.suite),
);
const bySp = new Set(Object.values(SP_FAULT_CATCHERS).flat());
const byConnector = new Set(Object.values(IDP_FAULT_CATCHERS).flat());

it('catches every app-specific SCIM check both with a faulty SP and with a faulty connector', () => {
  const missing = appChecks.flatMap((scenario) => {
    const exception = ONE_DIRECTION[scenario.id];
    const gaps: string[] = [];
    if (!bySp.has(scenario.id) && exception?.only !== 'connector') gaps.push(`${scenario.id}: no faulty SP`);
    if (!byConnector.has(scenario.id) && exception?.only !== 'sp')
      gaps.push(`${scenario.id}: no faulty connector`);
    return gaps;
  });
  expect(missing).toEqual([]);
  expect(appChecks.length).toBeGreaterThan(30);
});

it('lists as one-directional only checks that really are', () => {
  const stale = Object.entries(ONE_DIRECTION)
    .filter(
      ([id, { only }]) =>
        (only === 'sp' ? byConnector.has(id) : bySp.has(id)) || !appChecks.some((s) => s.id === id),
    )
    .map(([id]) => id);
  expect(stale).toEqual([]);
});
