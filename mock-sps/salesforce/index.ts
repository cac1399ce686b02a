/**
 * Salesforce: SAML with signed requests and encrypted assertions, SCIM 2.0 authorised by an OAuth consent (README.md).
 */
import { defineApp } from '#scenarios';
import { salesforceCatalog } from './idp.js';
import { SALESFORCE_IDP_FAULTS } from './idp-faults.js';
import { salesforceProfile } from './profile.js';
import { SALESFORCE_REQUIREMENTS } from './requirements.js';
import { salesforceScenarios } from './checks/provisioning.js';
import { salesforceAppDeleteChecks } from './checks/app-delete.js';
import { salesforceGroupChecks } from './checks/group-sync.js';
import { salesforceScenarios as salesforceSsoChecks } from './checks/sso.js';

export const salesforce = defineApp({
  id: 'salesforce',
  name: 'Salesforce',
  sp: salesforceProfile,
  idp: salesforceCatalog,
  requirements: SALESFORCE_REQUIREMENTS,
  checks: [
    ...salesforceScenarios,
    ...salesforceAppDeleteChecks,
    ...salesforceGroupChecks,
    ...salesforceSsoChecks,
  ],
  idpFaults: SALESFORCE_IDP_FAULTS,
});
