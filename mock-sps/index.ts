// Mock SPs: the shared SP core, its adapters, and each app's quirk profile.

// Registry
export { SP_IDS, isSpId, mockSps } from './registry.js';
export type { SpId } from './registry.js';

// Core
export { INSPECTION_PATH, MockSp } from './core/mock-sp.js';
export type { InspectedResource, MockSpOptions, MockSpState } from './core/mock-sp.js';
export { SCIM_FAULTS, SCIM_FAULT_RECORDS, isScimFault } from './app-faults.js';
export { scimFaultsFor } from './core/faults/index.js';
export type { ScimFault } from './app-faults.js';
export { DEFAULT_BODY_LIMIT } from './core/http.js';
export type { CoreRequest, CoreResponse } from './core/http.js';
export type {
  IdpConfigMethod,
  JitField,
  JitRule,
  ManualIdpField,
  SamlProfile,
  SamlUserKey,
  ScimProfile,
  SpProfile,
  StoredAsRule,
  SubjectSource,
} from './core/profile.js';
export type { RequestLogEntry } from './core/scim/scim-service.js';
export { TransientFailures } from './core/transient.js';
export type { TransientAnswer, TransientFailure, TransientStatus } from './core/transient.js';

// SAML side of the core
export { SAML_FAULTS, isSamlFault } from './core/saml-faults.js';
export type { SamlFault } from './core/saml-faults.js';
export { SAML_CORE_FAULTS } from './core/saml/faults.js';
export { STRICT_ACS_STEPS } from './core/saml/acs-steps.js';
export type { AcsSteps } from './core/saml/acs-steps.js';
export { SAML_PATHS, SamlService } from './core/saml/saml-service.js';
export type { LoginRecord } from './core/saml/saml-service.js';
export type { IdpSettings, IdpSettingsInput } from './core/saml/idp-settings.js';
export type { SamlSession } from './core/saml/pages.js';
export { LoginRefused, SP_REFUSALS } from './core/saml/refusals.js';
export type { LoginRefusal, SpRefusal } from './core/saml/refusals.js';
export type { NewSamlUser, SamlUser } from './core/saml/users.js';

// App profiles beyond the registry's defaults
export { SALESFORCE_REFUSAL_NAMES, salesforceJitProfile } from './salesforce/profile.js';
export type { SalesforceAdmin } from './salesforce/quirks.js';
export type { OAuthGrantRecord, OAuthLogEntry } from './salesforce/oauth.js';
export type { ProfitcoAdmin, ProfitcoDepartment } from './profitco/quirks.js';
export { SparkPostRefusal } from './sparkpost/quirks.js';
export type { SparkPostAdmin, SparkPostPlan } from './sparkpost/quirks.js';

// Adapters
export { expressApp, startMockSp } from './adapters/express.js';
export type { RunningMockSp } from './adapters/express.js';
export { inProcessFetch } from './adapters/in-process.js';

// Each app's requirement rows
export { INTERACT_REQUIREMENTS } from './interact/requirements.js';
export { OUTREACH_REQUIREMENTS } from './outreach/requirements.js';
export { PROFITCO_REQUIREMENTS } from './profitco/requirements.js';
export { SALESFORCE_REQUIREMENTS } from './salesforce/requirements.js';
export { SPARKPOST_REQUIREMENTS } from './sparkpost/requirements.js';
