/**
 * Outreach: SAML with just-in-time provisioning, no SCIM (README.md).
 */
import { defineApp } from '#scenarios';
import { outreachCatalog } from './idp.js';
import { outreachProfile } from './profile.js';
import { OUTREACH_REQUIREMENTS } from './requirements.js';
import { outreachScenarios } from './checks/sso.js';

export const outreach = defineApp({
  id: 'outreach',
  name: 'Outreach',
  sp: outreachProfile,
  idp: outreachCatalog,
  requirements: OUTREACH_REQUIREMENTS,
  checks: [...outreachScenarios],
});
