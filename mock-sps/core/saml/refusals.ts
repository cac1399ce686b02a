/**
 * Why an SP refused a login: the SAML check's reason (harness/saml), or one of the
 * SP's own rules that run after the Response is valid (users, JIT, setup state).
 */
import type { SamlRefusal } from '#harness/saml';

/** The SP's own reasons, beyond the SAML checks. */
export const SP_REFUSALS = {
  'idp-not-configured': 'no identity provider is configured yet',
  'sso-disabled': 'SSO is set up but not Enabled: only the Test login works (OUT-04)',
  'placeholder-certificate': 'the IdP certificate is still the setup placeholder (SF-16)',
  'name-id-format-mismatch': 'the NameID format is not the one the SP expects (PCO-01)',
  'identity-missing': 'the assertion does not carry the identity where the SP looks for it (SF-15)',
  'unknown-user': 'no user of the SP matches the assertion and JIT is off (INT-03)',
  'user-inactive': 'the matching user is deactivated in the SP',
  'jit-missing-attribute': 'JIT needs an attribute the assertion lacks (OUT-05, SF-18)',
  'jit-subject-mismatch': 'a JIT attribute contradicts the subject (SF-18)',
  'jit-failed': 'the SP could not create the user',
} as const;

export type SpRefusal = keyof typeof SP_REFUSALS;

/** Any reason a login is refused. */
export type LoginRefusal = SamlRefusal | SpRefusal;

/** A login refused by one of the SP's own rules (the SAML checks throw SamlError). */
export class LoginRefused extends Error {
  readonly code = 'SP_LOGIN_REFUSED';
  /** The verified NameID, when the Response had passed the SAML checks. */
  nameId: string | undefined;

  constructor(
    readonly reason: LoginRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'LoginRefused';
  }
}
