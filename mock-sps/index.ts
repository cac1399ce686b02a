// The SP core: a mock SP from a profile, its SCIM and SAML sides, faults, and its adapters.
// Each app's profile is in its own folder; mock-sps/registry.ts composes them.

// Core
export { INSPECTION_PATH, MockSp } from './core/mock-sp.js';
export type { InspectedResource, MockSpOptions, MockSpState } from './core/mock-sp.js';
export { SCIM_CORE_FAULTS, knownScimFaults } from './core/faults/index.js';
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

// Chaos in front of the SCIM endpoints (`--chaos`): the spec language, its presets, the engine
export { Chaos } from './core/chaos.js';
export { CHAOS_PRESETS, ChaosSpecError, describeChaos, parseChaos } from './core/chaos-spec.js';
export type { ChaosEvent, ChaosHandler, ChaosOptions, ChaosSite } from './core/chaos.js';
export type { ChaosKind, ChaosPreset, ChaosProfile, ChaosRange, ChaosStatus } from './core/chaos-spec.js';

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

// For apps: fault records and seams, hooks, and the wire pieces an app's own routes answer with
export { defineAppFaults, defineSpFaults, skipsRule } from './core/fault.js';
export type { SpFault, SpFaultApply } from './core/fault.js';
export { acceptsGroupCalls, unservedHost } from './core/faults/index.js';
export type { AppQuirks, QuirkEnv, ScimQuirks } from './core/profile.js';
export type { StoredResource } from './core/store.js';
export { jsonResponse } from './core/http.js';
export { authenticate as bearerCheck } from './core/scim/auth.js';
export { isBelow } from './core/scim/base-path.js';
export { scimErrorResponse } from './core/scim/wire.js';
export { html, page } from './core/saml/html.js';
export { cookiesOf, formFields, sessionCookie } from './core/saml/http-form.js';

// Adapters
export { expressApp, startMockSp } from './adapters/express.js';
export type { RunningMockSp } from './adapters/express.js';
export { inProcessFetch } from './adapters/in-process.js';
