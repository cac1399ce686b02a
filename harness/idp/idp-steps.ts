/**
 * The reference IdP's named steps and policies, gathered: what its strict code calls, and
 * what an IdP fault replaces or wraps (docs/decisions/0012-faults-wrap.md). Each component
 * defines its own steps next to its code; this module only puts them together.
 */
import { MAPPING_STEPS, type Application, type MappingSteps } from './application.js';
import { INSIGHTS_STEPS, type InsightsSteps } from './events.js';
import { IDM_STEPS, type IdmSteps } from './idm-integration.js';
import { IMPORT_POLICY, IMPORT_STEPS, type ImportPolicy, type ImportSteps } from './import-steps.js';
import { OAUTH_STEPS, type OAuthSteps } from './oauth-grant.js';
import type { Provisioner } from './provisioner.js';
import { PROVISIONER_STEPS, type ProvisionerSteps } from './provisioner-steps.js';
import { RETRY_POLICY, RETRY_STEPS, type RetryPolicy, type RetrySteps } from './retry.js';
import { SIGN_IN_STEPS, SSO_STEPS, type SignInSteps, type SsoSteps } from './sso-steps.js';

/** The reference IdP's own steps: what deleting an application does. */
export interface ApplicationSteps {
  /**
   * IDP-SSO-08, SF-13: removes the application (its SSO URLs answer 404) and makes no SP call;
   * resolves once whatever it started in the background is over.
   */
  deleteApplication(
    applications: Map<string, Application>,
    provisioner: Provisioner,
    app: Application,
  ): Promise<void>;
}

/** Every named step of the reference IdP. */
export type IdpSteps = ApplicationSteps &
  ProvisionerSteps &
  IdmSteps &
  ImportSteps &
  MappingSteps &
  InsightsSteps &
  RetrySteps &
  OAuthSteps &
  SsoSteps &
  SignInSteps;

/** The reference IdP's rules that are figures. */
export interface IdpPolicies {
  retry: RetryPolicy;
  import: ImportPolicy;
}

/** The strict steps. */
export const IDP_STEPS: Readonly<IdpSteps> = {
  async deleteApplication(applications, _provisioner, app) {
    applications.delete(app.name);
  },
  ...PROVISIONER_STEPS,
  ...IDM_STEPS,
  ...IMPORT_STEPS,
  ...MAPPING_STEPS,
  ...INSIGHTS_STEPS,
  ...RETRY_STEPS,
  ...OAUTH_STEPS,
  ...SSO_STEPS,
  ...SIGN_IN_STEPS,
};

/** The strict policies. */
export const IDP_POLICIES: Readonly<IdpPolicies> = { retry: RETRY_POLICY, import: IMPORT_POLICY };
