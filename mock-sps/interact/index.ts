/**
 * Interact Software: SAML for users who already exist, and SCIM 2.0 with groups (README.md).
 */
import { defineApp } from '#scenarios';
import { interactCatalog } from './idp.js';
import { interactProfile } from './profile.js';
import { INTERACT_REQUIREMENTS } from './requirements.js';
import { interactScenarios } from './checks/provisioning.js';
import { interactGroupChecks } from './checks/group-sync.js';
import { interactSsoChecks } from './checks/sso.js';

export const interact = defineApp({
  id: 'interact',
  name: 'Interact Software',
  sp: interactProfile,
  idp: interactCatalog,
  requirements: INTERACT_REQUIREMENTS,
  checks: [...interactScenarios, ...interactGroupChecks, ...interactSsoChecks],
});
