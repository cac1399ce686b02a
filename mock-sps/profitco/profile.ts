import type { SpProfile } from '../core/profile.js';

/**
 * Profit.co (OKR software): a custom SAML app at the IdP. The SCIM side comes later.
 * @see ../../../shared/seeds/003_4ee1358571472e6b.txt
 */
export const profitcoProfile = {
  id: 'profitco',
  name: 'Profit.co',
  requirementPrefix: 'PCO',
  saml: {
    // **assumed** host of the web app.
    host: 'app.profit.co',
    // PCO-01: SP Entity ID.
    entityId: 'urn:profit-prod:profit-prod-sso-auth',
    // **assumed** ACS path: the guide gives none.
    acsPath: '/saml/acs',
    // **assumed** no SP-initiated login: the SP is given no IdP sign-in URL (PCO-01) and the guide
    // logs in from the IdP's console (step 9–10).
    idpInitiated: true,
    signAuthnRequests: false,
    encryptAssertions: false,
    requireEncryptedAssertion: false,
    // PCO-01: the assertion must be signed (RSA-SHA256; SHA-1 is refused unless a fault allows it).
    requireSigned: 'assertion',
    // PCO-01: NameID = email with format emailAddress (the `username` attribute = email is sent too).
    nameId: { format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress' },
    identity: { source: { from: 'nameId' }, matches: 'email', caseInsensitive: true },
    // **assumed**: SSO users come from provisioning (PCO-07); an unknown user is refused.
    users: 'must-exist',
    // PCO-01: the IdP Entity ID and X.509 certificate are pasted (Settings → Integration → SAML SSO).
    idpConfig: { methods: ['manual'], manual: { required: ['entityId', 'certificate'], optional: [] } },
    ssoEnabledFlag: false,
    testLogin: false,
    placeholderCertificate: false,
    signIn: { loginButton: false, autoLogin: false, loginForm: true },
  },
} as const satisfies SpProfile;
