/**
 * The mock SP's ACS as named steps: the POST binding's decoder, the SAML checks (harness/saml's
 * step list) and the SP's own login rules around them. A SAML fault replaces some of them
 * (docs/decisions/0012-faults-wrap.md); this file holds the strict list.
 * @see SAML 2.0 Profiles §4.1.4.3; docs/conformance.md "SAML 2.0"
 */
import { RESPONSE_STEPS, decodePost, type ResponseSteps, type ValidatedLogin } from '#harness/saml';
import type { NewSamlUser, SamlUser } from './users.js';
import type { SamlProfile } from '../profile.js';
import type { IdpSettings } from './idp-settings.js';
import {
  jitRequiredAttributes,
  jitSubjectMatch,
  refuseInactiveUser,
  refuseUnknownUser,
  type JitInput,
} from './identity.js';
import { LoginRefused } from './refusals.js';

/** What the SP-side rules read of the SP. */
export interface AcsRuleContext {
  appName: string;
  saml: SamlProfile;
  /** The admin has checked Enable (OUT-04); always true where the SP has no such switch. */
  ssoEnabled: boolean;
}

/** The ACS's named steps. @see docs/decisions/0012-faults-wrap.md */
export interface AcsSteps {
  /** Decodes the SAMLResponse field, refusing a DOCTYPE before anything parses it (Bindings §3.5.4). */
  readonly decode: (samlResponse: string) => string;
  /** The SAML checks, in order (harness/saml's RESPONSE_STEPS). */
  readonly response: ResponseSteps;
  /** SF-16: every assertion is refused while the IdP certificate is the setup placeholder. */
  readonly 'placeholder-certificate': (ctx: AcsRuleContext, idp: IdpSettings) => void;
  /** OUT-04: whether real (not Test) logins are on; SP-initiated login asks it too. */
  readonly 'sso-enabled': (ctx: AcsRuleContext) => boolean;
  /** PCO-01: the NameID has the format the SP requires. */
  readonly 'name-id-format': (ctx: AcsRuleContext, login: ValidatedLogin) => void;
  /** OUT-05, SF-18: JIT creates no user while a required attribute is missing. */
  readonly 'jit-required-attributes': (input: JitInput) => void;
  /** SF-18: a JIT attribute that must name the subject does. */
  readonly 'jit-subject-match': (input: JitInput) => void;
  /** INT-03: what happens to an SSO user the SP does not have (strict: refused). */
  readonly 'unknown-user': (subject: string, saml: SamlProfile) => NewSamlUser;
  /** A user provisioning deactivated signs in no more (SAML-SESSION-DEPROVISIONED; strict: refused). */
  readonly 'inactive-user': (user: SamlUser) => void;
}

/** SF-16: the placeholder certificate uploaded during setup verifies nothing. */
function placeholderCertificate(_ctx: AcsRuleContext, idp: IdpSettings): void {
  if (idp.placeholder) {
    throw new LoginRefused(
      'placeholder-certificate',
      'The Identity Provider Certificate is still the placeholder uploaded during setup; replace it with the IdP certificate (SF-16)',
    );
  }
}

/** OUT-04: only the Test login works until an admin checks Enable. */
function ssoEnabled(ctx: AcsRuleContext): boolean {
  return !ctx.saml.ssoEnabledFlag || ctx.ssoEnabled;
}

/** PCO-01: an SP that names a NameID format accepts only that one. */
function nameIdFormat(ctx: AcsRuleContext, login: ValidatedLogin): void {
  const format = ctx.saml.nameId?.format;
  if (format !== undefined && login.nameIdFormat !== format) {
    throw new LoginRefused(
      'name-id-format-mismatch',
      `The NameID format is '${login.nameIdFormat ?? '(none)'}' but ${ctx.appName} requires '${format}' (PCO-01)`,
    );
  }
}

/** The strict ACS. @see SAML 2.0 Profiles §4.1.4.3, docs/conformance.md "SAML 2.0" */
export const STRICT_ACS_STEPS: AcsSteps = {
  decode: (samlResponse) => decodePost(samlResponse),
  response: RESPONSE_STEPS,
  'placeholder-certificate': placeholderCertificate,
  'sso-enabled': ssoEnabled,
  'name-id-format': nameIdFormat,
  'jit-required-attributes': jitRequiredAttributes,
  'jit-subject-match': jitSubjectMatch,
  'unknown-user': refuseUnknownUser,
  'inactive-user': refuseInactiveUser,
};
