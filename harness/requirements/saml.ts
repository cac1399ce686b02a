/**
 * The SAML 2.0 rows: what a careful SP refuses (docs/conformance.md "SAML 2.0" lists the attacks without IDs;
 * these rows give each its ID), and what its own AuthnRequest must be for an IdP to answer it (SAML-SP-REQUEST*).
 */
import { defineRequirements } from './types.js';

const PROFILES = 'SAML 2.0 Profiles (OASIS saml-profiles-2.0-os)';
const CORE = 'SAML 2.0 Core (OASIS saml-core-2.0-os)';
const METADATA = 'SAML 2.0 Metadata (OASIS saml-metadata-2.0-os)';
const BINDINGS = 'SAML 2.0 Bindings (OASIS saml-bindings-2.0-os)';
const XMLDSIG = 'XML Signature Syntax and Processing 1.1 (W3C); XML Signature Best Practices (W3C Note)';

export const SAML_REQUIREMENTS = defineRequirements([
  {
    id: 'SAML-SIGNATURE',
    level: 'MUST',
    text: 'The SP refuses a response whose assertion (or response, where the SP requires that) carries no valid signature.',
    source: { document: PROFILES, section: '§4.1.3.5, §4.1.4.3 (the assertion must be signed)' },
  },
  {
    id: 'SAML-XSW',
    level: 'MUST',
    text: 'The SP refuses signature wrapping (XSW1–XSW8) and reads the identity only from the element the signature covers.',
    source: {
      document: XMLDSIG,
      section:
        'Best Practices 3 and 4 (see what is signed); SAML Core §5.4.2 (the Reference names the signed element)',
    },
  },
  {
    id: 'SAML-NAMEID-TRUNCATION',
    level: 'MUST',
    text: 'A comment or entity inside NameID never truncates the identity the SP signs in.',
    source: {
      document: XMLDSIG,
      section: 'Exclusive c14n drops comments, so they are outside the signature; SAML Core §2.2.3',
    },
  },
  {
    id: 'SAML-DOCTYPE',
    level: 'MUST',
    text: 'The SP refuses any DOCTYPE, internal or external entity, before parsing further.',
    source: {
      document: 'SAML V2.0 Security and Privacy Considerations (OASIS saml-sec-consider-2.0-os)',
      section: '§6.5 (XML processing); SAML Core §1.3 (no DTD in SAML messages)',
    },
  },
  {
    id: 'SAML-REPLAY',
    level: 'MUST',
    text: 'The SP refuses an assertion ID it has already accepted (one-time use within its validity).',
    source: { document: PROFILES, section: '§4.1.4.5 (POST-specific processing rules)' },
  },
  {
    id: 'SAML-TIME',
    level: 'MUST',
    text: 'The SP refuses an expired or not-yet-valid assertion (outside a small clock skew): Conditions NotBefore / NotOnOrAfter and the bearer confirmation’s NotOnOrAfter.',
    source: {
      document: CORE,
      section: '§2.5.1.2 (Attributes NotBefore and NotOnOrAfter); Profiles §4.1.4.3',
    },
  },
  {
    id: 'SAML-AUDIENCE',
    level: 'MUST',
    text: 'The SP refuses an assertion whose AudienceRestriction does not name its entity ID.',
    source: {
      document: CORE,
      section: '§2.5.1.4 (Elements AudienceRestriction and Audience); Profiles §4.1.4.2',
    },
  },
  {
    id: 'SAML-RECIPIENT',
    level: 'MUST',
    text: 'The SP refuses a bearer SubjectConfirmationData whose Recipient is not its ACS URL.',
    source: { document: PROFILES, section: '§4.1.4.3' },
  },
  {
    id: 'SAML-DESTINATION',
    level: 'MUST',
    text: 'The SP refuses a Response whose Destination is not its ACS URL.',
    source: {
      document: 'SAML 2.0 Bindings (OASIS saml-bindings-2.0-os)',
      section: '§3.5.5.2 (Security Considerations, HTTP POST)',
    },
  },
  {
    id: 'SAML-ISSUER',
    level: 'MUST',
    text: 'The SP refuses a Response or Assertion whose Issuer is not the IdP it is configured with.',
    source: { document: PROFILES, section: '§4.1.4.2, §4.1.4.3' },
  },
  {
    id: 'SAML-IN-RESPONSE-TO',
    level: 'MUST',
    text: 'The SP refuses an InResponseTo naming a request it never sent or no longer expects, and an unsolicited Response where it accepts only solicited ones.',
    source: { document: PROFILES, section: '§4.1.4.3 (InResponseTo), §4.1.5 (unsolicited responses)' },
  },
  {
    id: 'SAML-CERTIFICATE',
    level: 'MUST',
    text: 'The SP verifies with the IdP certificate it was configured with only, never with one carried in the message’s KeyInfo.',
    source: {
      document: XMLDSIG,
      section: 'Best Practice 2 (the key comes from trusted configuration, not from KeyInfo)',
    },
  },
  {
    id: 'SAML-SHA1',
    level: 'SHOULD',
    text: 'The SP refuses RSA-SHA1 signatures and SHA-1 digests where it requires SHA-256.',
    source: {
      document: 'XML Signature Syntax and Processing 1.1 (W3C)',
      section: '§6.2.1, §6.4.1 (SHA-1 use is discouraged); NIST SP 800-131A',
    },
  },
  {
    id: 'SAML-ASSERTION-SIGNED',
    level: 'MUST',
    text: 'An SP that requires signed assertions refuses an unsigned assertion inside a signed response.',
    source: { document: PROFILES, section: '§4.1.3.5' },
  },
  {
    id: 'SAML-ENCRYPTED-ASSERTION',
    level: 'MUST',
    text: 'An SP that takes encrypted assertions only refuses an assertion sent in the clear.',
    source: { document: CORE, section: '§2.3.4 (EncryptedAssertion), §6.1; Profiles §4.1.4.2' },
  },
  {
    id: 'SAML-TWO-ASSERTIONS',
    level: 'MUST',
    text: 'The SP refuses a response carrying more than one assertion, rather than choosing one.',
    source: { document: XMLDSIG, section: 'Best Practice 4; Profiles §4.1.4.2' },
  },
  {
    id: 'SAML-TWO-ROOTS',
    level: 'MUST',
    text: 'The SP refuses a message that is not exactly one XML document element.',
    source: { document: 'Extensible Markup Language 1.0 (W3C)', section: '§2.1 (exactly one root element)' },
  },
  {
    id: 'SAML-SIGNEDINFO',
    level: 'MUST',
    text: 'The SP refuses a signature with a second SignedInfo.',
    source: { document: 'XML Signature Syntax and Processing 1.1 (W3C)', section: '§4.2 (one SignedInfo)' },
  },
  {
    id: 'SAML-DIGEST-COMMENT',
    level: 'MUST',
    text: 'The SP refuses a comment or markup inside DigestValue.',
    source: {
      document: 'XML Signature Syntax and Processing 1.1 (W3C)',
      section: '§4.4.3.3 (DigestValue is base64 text)',
    },
  },
  {
    id: 'SAML-STATUS',
    level: 'MUST',
    text: 'The SP refuses to sign anybody in from a Response whose top-level Status is not Success.',
    source: { document: CORE, section: '§3.2.2.2 (Element StatusCode)' },
  },
  {
    id: 'SAML-SUBJECT',
    level: 'MUST',
    text: 'The SP refuses an assertion without Subject, NameID or bearer SubjectConfirmation.',
    source: { document: PROFILES, section: '§4.1.4.2' },
  },
  {
    id: 'SAML-AUTHN-STATEMENT',
    level: 'MUST',
    text: 'The SP refuses an assertion without an AuthnStatement.',
    source: { document: PROFILES, section: '§4.1.4.2' },
  },
  {
    id: 'SAML-KEY-ROLLOVER',
    level: 'MUST',
    text: "The SP trusts every signing certificate its IdP's metadata lists (a rollover lists the next beside the current one), and none the metadata no longer lists.",
    source: {
      document: METADATA,
      section: '§2.4.1.1 (KeyDescriptor); SAML V2.0 Metadata Interoperability Profile 1.0',
    },
  },
  {
    id: 'SAML-SLO',
    level: 'MUST',
    text: "On a LogoutRequest from its IdP, signed by the IdP's key, the SP ends the principal's session.",
    source: { document: CORE, section: '§3.7.3.2 (session participant rules); Profiles §4.4' },
  },
  {
    id: 'SAML-SLO-SIGNED',
    level: 'MUST',
    text: "The SP ends no session on a LogoutRequest that is unsigned or signed by a key other than its IdP's.",
    source: { document: PROFILES, section: '§4.4.4.1 (the requester MUST authenticate itself)' },
  },
  {
    id: 'SAML-SESSION-DEPROVISIONED',
    level: 'SHOULD',
    text: "When provisioning deactivates or deletes a user, the SP ends the user's sessions and refuses the user's new logins, even with an assertion its IdP signed.",
    source: {
      document: 'RFC 7643',
      section:
        "§4.1.1 (active: the user's administrative status, its meaning the service provider's); the integration guides' deactivation sections",
    },
    assumed:
      'ending live sessions: SCIM leaves the meaning of active to the SP and the guides say only that the user is deactivated in the app; what a deactivated account keeps is graded by its consequence',
  },
  {
    id: 'SAML-SP-REQUEST',
    level: 'MUST',
    text: "The SP's AuthnRequest is a well-formed samlp:AuthnRequest (Version 2.0, an ID, a current IssueInstant) whose Issuer is the entity ID of the SP's metadata.",
    source: { document: PROFILES, section: '§4.1.4.1 (Issuer MUST be the SP); Core §3.4.1, §3.2.1' },
  },
  {
    id: 'SAML-SP-REQUEST-SIGNED',
    level: 'MUST',
    text: 'An SP whose metadata says AuthnRequestsSigned signs every AuthnRequest with a key its metadata names, and a signed request carries the Destination it is sent to.',
    source: {
      document: METADATA,
      section: '§2.4.4 (AuthnRequestsSigned); Bindings §3.4.4.1, §3.4.5.2, §3.5.5.2',
    },
  },
  {
    id: 'SAML-SP-REQUEST-ACS',
    level: 'MUST',
    text: 'An AuthnRequest names an AssertionConsumerService of the SP metadata (by URL or by index, not both), and a binding it takes.',
    source: {
      document: PROFILES,
      section: '§4.1.4.1; Core §3.4.1 (AssertionConsumerServiceIndex, URL, ProtocolBinding)',
    },
  },
  {
    id: 'SAML-SP-REQUEST-ALGORITHM',
    level: 'SHOULD',
    text: 'A signed AuthnRequest uses RSA-SHA256 or stronger, not RSA-SHA1.',
    source: {
      document: 'XML Signature Syntax and Processing 1.1 (W3C)',
      section: '§6.4.1 (SHA-1 use is discouraged); NIST SP 800-131A',
    },
  },
  {
    id: 'SAML-SP-REQUEST-ENCODING',
    level: 'SHOULD',
    text: 'An AuthnRequest sent by HTTP-POST is the base64 of its XML, not DEFLATE-compressed (DEFLATE belongs to the Redirect binding).',
    source: { document: BINDINGS, section: '§3.5.4 (message encoding); §3.4.4.1 (DEFLATE, Redirect only)' },
  },
  {
    id: 'SAML-SP-REQUEST-NAMEID-POLICY',
    level: 'SHOULD',
    text: "A NameIDPolicy Format in the SP's AuthnRequest is one of the NameIDFormats its metadata lists (or unspecified).",
    source: {
      document: METADATA,
      section: '§2.4.1 (NameIDFormat: the formats the entity supports); Core §3.4.1.1 (InvalidNameIDPolicy)',
    },
  },
] as const);
