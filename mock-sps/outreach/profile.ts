import type { SpProfile } from '#mock-sps';

/**
 * Outreach: SAML only, with JIT provisioning (OUT-06: no SCIM).
 * @see README.md (the app's quirks and the guide sections behind them)
 */
export const outreachProfile = {
  id: 'outreach',
  name: 'Outreach',
  requirementPrefix: 'OUT',
  saml: {
    // **assumed** host: Outreach's API host.
    host: 'api.outreach.io',
    // OUT-01: the SP is identified by an Outreach ID (shown under Setup Info).
    accountId: { label: 'Outreach ID', value: '4242', requirement: 'OUT-01' },
    // OUT-01: ACS URL and SP Entity ID are derived from the Outreach ID (**assumed** shapes).
    entityId: '{origin}/saml/sp/{accountId}',
    acsPath: '/saml/acs/{accountId}',
    // OUT-06: SP-initiated works; **assumed** HTTP-POST, as Outreach asks for the IdP's "SP-Initiated POST Endpoint".
    spInitiated: { binding: 'post' },
    // OUT-06: IdP-initiated works.
    idpInitiated: true,
    signAuthnRequests: false,
    encryptAssertions: false,
    requireEncryptedAssertion: false,
    // OUT-02: an assertion signed by any key but the configured certificate is refused.
    requireSigned: 'assertion',
    // OUT-03: the user is the email taken from the assertion. **assumed** attribute `email`: Outreach
    // reads the email unless "Use NameId instead of Email" is checked (off by default).
    identity: { source: { from: 'attribute', name: 'email' }, matches: 'email', caseInsensitive: true },
    // OUT-05: the first SSO of an unknown user creates it.
    users: 'jit',
    jit: {
      attributePrefix: '',
      // OUT-05 **assumed** attribute names for email, first name and last name (the IdP catalogue's rows).
      fields: { email: 'email', firstName: 'first_name', lastName: 'last_name' },
      required: ['email', 'first_name', 'last_name'],
      mustMatchSubject: [],
      requirement: 'OUT-05',
    },
    // OUT-02: sign-in URL, Issuer (IdP Entity ID) and certificate entered by hand.
    idpConfig: {
      methods: ['manual'],
      manual: { required: ['ssoUrl', 'entityId', 'certificate'], optional: ['name'] },
    },
    // OUT-04: real logins only after Enable; before that only the Test login.
    ssoEnabledFlag: true,
    // OUT-03: the Test button shows the user email from the assertion.
    testLogin: true,
    placeholderCertificate: false,
    signIn: { loginButton: false, autoLogin: false, loginForm: true },
  },
} as const satisfies SpProfile;
