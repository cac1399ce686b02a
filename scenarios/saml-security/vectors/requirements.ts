/**
 * The requirement rows the attack vectors cite, split from SPEC "SAML 2.0" (which lists the attacks a
 * target SP must refuse, without IDs). For scenarios/requirements.ts to include, so `cites` resolve.
 * @see SPEC "SAML 2.0", "Verdicts" (a security failure is critical)
 */
export const SAML_SECURITY_REQUIREMENTS: readonly { id: string; text: string }[] = [
  {
    id: 'SAML-SIGNATURE',
    text: 'SAML: the SP refuses a response whose assertion (or response) carries no valid signature.',
  },
  {
    id: 'SAML-XSW',
    text: 'SAML: the SP refuses signature wrapping (XSW1–XSW8) and reads identity only from the signed element.',
  },
  {
    id: 'SAML-NAMEID-TRUNCATION',
    text: 'SAML: a comment or entity inside NameID never truncates the identity the SP logs in.',
  },
  {
    id: 'SAML-DOCTYPE',
    text: 'SAML: the SP refuses any DOCTYPE, internal or external entity, before parsing further.',
  },
  { id: 'SAML-REPLAY', text: 'SAML: the SP refuses an assertion ID it has already accepted (one-time use).' },
  {
    id: 'SAML-TIME',
    text: 'SAML: the SP refuses an expired or not-yet-valid assertion (outside a small clock skew).',
  },
  { id: 'SAML-AUDIENCE', text: 'SAML: the SP refuses an assertion whose Audience is not its entity ID.' },
  {
    id: 'SAML-RECIPIENT',
    text: 'SAML: the SP refuses a bearer confirmation whose Recipient is not its ACS URL.',
  },
  { id: 'SAML-DESTINATION', text: 'SAML: the SP refuses a Response whose Destination is not its ACS URL.' },
  {
    id: 'SAML-ISSUER',
    text: 'SAML: the SP refuses a Response or Assertion whose Issuer is not the configured IdP.',
  },
  {
    id: 'SAML-IN-RESPONSE-TO',
    text: 'SAML: the SP refuses an InResponseTo naming a request it never sent or no longer expects.',
  },
  {
    id: 'SAML-CERTIFICATE',
    text: 'SAML: the SP verifies with the pinned IdP certificate only, never one from KeyInfo.',
  },
  {
    id: 'SAML-SHA1',
    text: 'SAML: the SP refuses RSA-SHA1 signatures and SHA-1 digests where SHA-256 is required.',
  },
  {
    id: 'SAML-ASSERTION-SIGNED',
    text: 'SAML: an SP that requires signed assertions refuses an unsigned one inside a signed response.',
  },
  { id: 'SAML-TWO-ASSERTIONS', text: 'SAML: the SP refuses a response with more than one assertion.' },
  { id: 'SAML-TWO-ROOTS', text: 'SAML: the SP refuses a message with more than one root element.' },
  { id: 'SAML-SIGNEDINFO', text: 'SAML: the SP refuses a signature with a second SignedInfo.' },
  { id: 'SAML-DIGEST-COMMENT', text: 'SAML: the SP refuses a comment inside DigestValue.' },
  { id: 'SAML-STATUS', text: 'SAML: the SP refuses a response whose Status is not Success.' },
  {
    id: 'SAML-SUBJECT',
    text: 'SAML: the SP refuses an assertion without Subject, NameID or bearer SubjectConfirmation.',
  },
  { id: 'SAML-AUTHN-STATEMENT', text: 'SAML: the SP refuses an assertion without an AuthnStatement.' },
];
