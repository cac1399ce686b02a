// Requirements: every ID that checks, faults and reports cite, with its full text, level and
// source. The engine's rows are here; each app's are in its folder.

import { IDP_REQUIREMENTS } from './idp.js';
import { LIFECYCLE_REQUIREMENTS } from './lifecycle.js';
import { SAML_REQUIREMENTS } from './saml.js';
import { SCIM_REQUIREMENTS } from './scim.js';
import type { RequirementIdOf } from './types.js';

// Rows
export { IDP_REQUIREMENTS, LIFECYCLE_REQUIREMENTS, SAML_REQUIREMENTS, SCIM_REQUIREMENTS };

/** The engine's rows: the reference IdP's, the SCIM protocol's, the lifecycle's read back over SCIM, and SAML's. */
export const CORE_REQUIREMENTS = [
  ...IDP_REQUIREMENTS,
  ...SCIM_REQUIREMENTS,
  ...LIFECYCLE_REQUIREMENTS,
  ...SAML_REQUIREMENTS,
] as const;

/** An ID of the engine's rows. */
export type CoreRequirementId = RequirementIdOf<typeof CORE_REQUIREMENTS>;

// Shape and sources
export { defineRequirements } from './types.js';
export type { Level, Requirement, RequirementIdOf, RequirementSource } from './types.js';
export {
  GUIDES,
  INTERACT_GUIDE,
  OUTREACH_GUIDE,
  PROFITCO_GUIDE,
  SALESFORCE_GUIDE,
  SPARKPOST_GUIDE,
} from './guides.js';
