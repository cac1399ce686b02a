/**
 * SparkPost: SAML configured from uploaded metadata, and SCIM 2.0 for users only (README.md).
 */
import { defineApp } from '#scenarios';
import { sparkpostCatalog } from './idp.js';
import { SPARKPOST_IDP_FAULTS } from './idp-faults.js';
import { sparkpostProfile } from './profile.js';
import { SPARKPOST_REQUIREMENTS } from './requirements.js';
import { sparkpostScenarios } from './checks/provisioning.js';
import { sparkpostExclusionChecks } from './checks/exclusion.js';
import { sparkpostGroupChecks } from './checks/group-sync.js';
import { sparkpostImportChecks } from './checks/import.js';
import { sparkpostSsoChecks } from './checks/sso.js';

export const sparkpost = defineApp({
  id: 'sparkpost',
  name: 'SparkPost',
  sp: sparkpostProfile,
  idp: sparkpostCatalog,
  requirements: SPARKPOST_REQUIREMENTS,
  checks: [
    ...sparkpostScenarios,
    ...sparkpostExclusionChecks,
    ...sparkpostGroupChecks,
    ...sparkpostImportChecks,
    ...sparkpostSsoChecks,
  ],
  idpFaults: SPARKPOST_IDP_FAULTS,
});
