/**
 * Profit.co: a custom SAML app, and SCIM 2.0 for users with departments, no groups (README.md).
 */
import { defineApp } from '#scenarios';
import { profitcoCatalog } from './idp.js';
import { PROFITCO_IDP_FAULTS } from './idp-faults.js';
import { profitcoProfile } from './profile.js';
import { PROFITCO_REQUIREMENTS } from './requirements.js';
import { profitcoScenarios } from './checks/provisioning.js';
import { profitcoGroupChecks } from './checks/group-sync.js';
import { profitcoSsoChecks } from './checks/sso.js';

export const profitco = defineApp({
  id: 'profitco',
  name: 'Profit.co',
  sp: profitcoProfile,
  idp: profitcoCatalog,
  requirements: PROFITCO_REQUIREMENTS,
  checks: [...profitcoScenarios, ...profitcoGroupChecks, ...profitcoSsoChecks],
  idpFaults: PROFITCO_IDP_FAULTS,
});
