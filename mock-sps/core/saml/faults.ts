/**
 * The SP core's SAML faults: each a real SP bug, applied by replacing named steps of the ACS
 * (the SAML checks with harness/saml's vulnerable variants, or the SP's own login rules), by
 * changing profile data, or by forgetting IdP settings. `caughtBy` lists the checks that fail
 * while one is on: each fails on at least one of the SPs in `on`.
 * @see docs/decisions/0012-faults-wrap.md, docs/decisions/0007-saml-verdicts.md
 */
import type { ResponseSteps } from '#harness/saml';
// The deliberately vulnerable variants, by their own path: only fault records may import them (lint).
import * as vulnerable from '../../../harness/saml/vulnerable.js';
import { defineSpFaults } from '../fault.js';
import { IDP_TRUST_AND_REQUEST_FAULTS } from './request-faults.js';
import { SESSION_FAULTS } from './session-faults.js';
import type { SpProfile } from '../profile.js';
import type { AcsSteps } from './acs-steps.js';

const {
  acceptSha1,
  anyDecryptedSignature,
  anySubjectConfirmation,
  decryptWhenEncrypted,
  decryptEverywhere,
  decodeKeepingDoctype,
  firstAssertionAnywhere,
  firstDirectAssertion,
  firstSignedAssertion,
  parseExpandingDoctype,
  readFirstTextNodes,
  skipped,
  trustCertificateByName,
  trustKeyInfo,
  unclockedConditions,
  unclockedConfirmation,
  verifyFirstSignature,
} = vulnerable;

type SpRules = Omit<AcsSteps, 'response'>;

/** An `acs` seam: the strict ACS with some SAML checks (and SP rules) replaced. */
function checks(replaced: Partial<ResponseSteps>, rules: Partial<SpRules> = {}) {
  return (strict: AcsSteps): AcsSteps => ({
    ...strict,
    ...rules,
    response: { ...strict.response, ...replaced },
  });
}

/** An `acs` seam: the strict ACS with some of the SP's own rules replaced. */
function rules(replaced: Partial<SpRules>) {
  return checks({}, replaced);
}

/** A rule the SP never applies. */
const ignored = (): void => undefined;

/** What the security vectors prove, by name. */
const vectors = (...ids: string[]): string[] => ids.map((id) => `saml-security/${id}`);

/** The SAML side of `profile` with `{accountId}` dropped from its URL templates. */
function urlsWithoutAccountId(profile: SpProfile): SpProfile {
  const saml = profile.saml;
  if (!saml) return profile;
  const without = (template: string) => template.replaceAll('{accountId}', 'sp');
  return { ...profile, saml: { ...saml, entityId: without(saml.entityId), acsPath: without(saml.acsPath) } };
}

export const SAML_CORE_FAULTS = defineSpFaults([
  {
    id: 'skip-signature-check',
    area: 'saml',
    bug: 'accepts an assertion without verifying any signature (Profiles §4.1.4.3: the assertion must be signed)',
    cites: ['SAML-SIGNATURE', 'PCO-01'],
    caughtBy: [
      ...vectors(
        'signature-stripped',
        'stranger-key-keyinfo',
        'look-alike-certificate',
        'trusted-certificate-other-key',
        'comment-in-digest',
      ),
      'sso/profitco-assertion',
    ],
    on: ['sparkpost', 'profitco'],
    apply: { acs: checks({ 'response-signature': skipped, 'assertion-signature': skipped }) },
  },
  {
    id: 'trust-keyinfo-certificate',
    area: 'saml',
    bug: 'verifies the signature with the certificate in its own KeyInfo instead of the pinned IdP certificate (docs/conformance.md "SAML 2.0": a certificate in KeyInfo that is not the pinned one)',
    cites: ['SAML-CERTIFICATE'],
    caughtBy: vectors('stranger-key-keyinfo', 'look-alike-certificate'),
    on: ['sparkpost'],
    apply: { acs: checks({ 'signature-trust': trustKeyInfo }) },
  },
  {
    id: 'trust-certificate-by-name',
    area: 'saml',
    bug: "recognises the IdP's certificate by its subject and issuer names and verifies with whatever key a certificate of those names carries in KeyInfo",
    cites: ['SAML-CERTIFICATE'],
    caughtBy: vectors('look-alike-certificate'),
    on: ['interact'],
    apply: { acs: checks({ 'signature-trust': trustCertificateByName }) },
  },
  {
    id: 'first-assertion',
    area: 'saml',
    bug: 'takes the first Assertion anywhere in the Response instead of refusing two assertions (docs/conformance.md "SAML 2.0": two assertions; XSW)',
    cites: ['SAML-TWO-ASSERTIONS'],
    caughtBy: vectors('two-assertions'),
    on: ['sparkpost'],
    apply: {
      acs: checks({
        'select-assertion': firstAssertionAnywhere,
        'select-signed-assertion': firstSignedAssertion,
      }),
    },
  },
  {
    id: 'first-text-node',
    area: 'saml',
    bug: 'reads NameID and attributes from the first match in the posted document, first text node only, not from the verified element (docs/conformance.md "SAML 2.0": a comment inside NameID truncates it)',
    cites: ['SAML-NAMEID-TRUNCATION'],
    caughtBy: vectors('comment-split-nameid'),
    on: ['interact'],
    apply: { acs: checks({ 'name-id-text': skipped, 'read-identity': readFirstTextNodes }) },
  },
  {
    id: 'xsw-vulnerable',
    area: 'saml',
    bug: 'verifies the first ds:Signature anywhere and reads the identity from the document, not from the element the signature covers (docs/conformance.md "SAML 2.0": signature wrapping, XSW1–8)',
    cites: ['SAML-XSW', 'SAML-TWO-ASSERTIONS', 'SAML-ASSERTION-SIGNED'],
    caughtBy: vectors(
      'xsw1',
      'xsw2',
      'xsw3',
      'xsw4',
      'xsw5',
      'xsw6',
      'two-assertions-before',
      'unsigned-assertion-in-signed-response',
    ),
    on: ['interact'],
    apply: {
      acs: checks({
        'select-assertion': firstAssertionAnywhere,
        'response-signature': verifyFirstSignature,
        'assertion-signature': skipped,
        'read-identity': readFirstTextNodes,
      }),
    },
  },
  {
    id: 'process-doctype',
    area: 'saml',
    bug: 'parses a DOCTYPE and expands its entities instead of refusing the message (docs/conformance.md "SAML 2.0": DOCTYPE and entities)',
    cites: ['SAML-DOCTYPE'],
    caughtBy: vectors('doctype-entities', 'doctype-external-entity'),
    on: ['interact'],
    apply: { acs: checks({ parse: parseExpandingDoctype }, { decode: decodeKeepingDoctype }) },
  },
  {
    id: 'no-replay-cache',
    area: 'saml',
    bug: 'keeps no record of used assertion IDs, so a replayed assertion logs in again (Profiles §4.1.4.5)',
    cites: ['SAML-REPLAY'],
    caughtBy: vectors('replay'),
    on: ['sparkpost'],
    apply: { acs: checks({ replay: skipped }) },
  },
  {
    id: 'skip-audience-check',
    area: 'saml',
    bug: 'accepts an assertion whose Audience is another SP (Core §2.5.1.4)',
    cites: ['SAML-AUDIENCE'],
    caughtBy: vectors('wrong-audience'),
    on: ['sparkpost'],
    apply: { acs: checks({ audience: skipped }) },
  },
  {
    id: 'skip-recipient-check',
    area: 'saml',
    bug: 'accepts a SubjectConfirmationData Recipient that is not this ACS (Profiles §4.1.4.3)',
    cites: ['SAML-RECIPIENT'],
    caughtBy: vectors('wrong-recipient'),
    on: ['sparkpost'],
    apply: { acs: checks({ recipient: skipped }) },
  },
  {
    id: 'skip-destination-check',
    area: 'saml',
    bug: 'accepts a Response whose Destination is not this ACS (Bindings §3.5.5.2)',
    cites: ['SAML-DESTINATION'],
    caughtBy: vectors('wrong-destination'),
    on: ['sparkpost'],
    apply: { acs: checks({ destination: skipped }) },
  },
  {
    id: 'skip-issuer-check',
    area: 'saml',
    bug: 'accepts a Response or Assertion from an Issuer other than the configured IdP',
    cites: ['SAML-ISSUER', 'OUT-02'],
    caughtBy: [...vectors('wrong-issuer'), 'sso/outreach-configured-idp-only'],
    on: ['sparkpost', 'outreach'],
    apply: { acs: checks({ 'response-issuer': skipped, 'assertion-issuer': skipped }) },
  },
  {
    id: 'skip-time-check',
    area: 'saml',
    bug: 'accepts an expired or not-yet-valid assertion (Core §2.5.1.2, Profiles §4.1.4.3)',
    cites: ['SAML-TIME'],
    caughtBy: [...vectors('expired', 'not-yet-valid'), 'sso/salesforce-identity-and-history'],
    on: ['sparkpost', 'salesforce'],
    apply: {
      acs: checks({ 'confirmation-time': unclockedConfirmation, 'conditions-time': unclockedConditions }),
    },
  },
  {
    id: 'ignore-in-response-to',
    area: 'saml',
    bug: 'accepts an InResponseTo this SP never sent (Profiles §4.1.4.3)',
    cites: ['SAML-IN-RESPONSE-TO'],
    caughtBy: vectors('in-response-to-unsolicited', 'in-response-to-mismatch'),
    on: ['interact'],
    apply: { acs: checks({ 'in-response-to': skipped }) },
  },
  {
    id: 'ignore-status',
    area: 'saml',
    bug: 'logs the user in from a Response whose Status is not Success (Core §3.2.2.2)',
    cites: ['SAML-STATUS'],
    caughtBy: vectors('status-not-success'),
    on: ['sparkpost'],
    apply: { acs: checks({ status: skipped }) },
  },
  {
    id: 'accept-sha1',
    area: 'saml',
    bug: 'accepts RSA-SHA1 signatures and SHA-1 digests where SHA-256 is required (docs/conformance.md "SAML 2.0")',
    cites: ['SAML-SHA1', 'PCO-01'],
    caughtBy: vectors('sha1-under-sha256'),
    on: ['sparkpost'],
    apply: { acs: checks({ 'signature-trust': acceptSha1 }) },
  },
  {
    id: 'accept-unencrypted-assertion',
    area: 'saml',
    bug: 'takes encrypted assertions only, yet reads an assertion sent in the clear (Core §6.1)',
    cites: ['SAML-ENCRYPTED-ASSERTION'],
    caughtBy: vectors('unencrypted-assertion'),
    on: ['salesforce'],
    apply: { acs: checks({ decrypt: decryptWhenEncrypted }) },
  },
  {
    id: 'verify-any-decrypted-assertion',
    area: 'saml',
    bug: 'reads Response/EncryptedAssertion[1], decrypts every EncryptedAssertion in the message and accepts a valid signature on any of them',
    cites: ['SAML-XSW', 'SAML-ENCRYPTED-ASSERTION'],
    caughtBy: vectors(
      'encrypted-assertion-wrapping',
      'xsw3',
      'xsw7',
      'two-assertions',
      'two-assertions-before',
    ),
    on: ['salesforce'],
    apply: {
      acs: checks({
        'select-assertion': firstDirectAssertion,
        decrypt: decryptEverywhere,
        'assertion-signature': anyDecryptedSignature,
      }),
    },
  },
  {
    id: 'no-subject-check',
    area: 'saml',
    bug: 'accepts an assertion without Subject, NameID or bearer SubjectConfirmation (Profiles §4.1.4.2)',
    cites: ['SAML-SUBJECT'],
    // Outreach reads its user from the email attribute, so a missing NameID only matters there.
    caughtBy: vectors('missing-subject-confirmation', 'missing-subject', 'missing-nameid'),
    on: ['outreach'],
    apply: { acs: checks({ subject: skipped, 'subject-confirmation': anySubjectConfirmation }) },
  },
  {
    id: 'no-authn-statement-check',
    area: 'saml',
    bug: 'accepts an assertion without an AuthnStatement (Profiles §4.1.4.2)',
    cites: ['SAML-AUTHN-STATEMENT'],
    caughtBy: vectors('missing-authn-statement'),
    on: ['sparkpost'],
    apply: { acs: checks({ 'authn-statement': skipped }) },
  },
  {
    id: 'jit-without-required-attributes',
    area: 'saml',
    bug: 'JIT creates the user even when a required attribute is missing',
    cites: ['OUT-05', 'SF-18'],
    caughtBy: ['sso/outreach-jit'],
    on: ['outreach'],
    apply: { acs: rules({ 'jit-required-attributes': ignored }) },
  },
  {
    id: 'jit-ignores-subject-mismatch',
    area: 'saml',
    bug: 'JIT accepts a FederationIdentifier attribute that differs from the subject',
    cites: ['SF-18'],
    // No scenario yet: mock-sps/salesforce's tests prove it.
    caughtBy: [],
    apply: { acs: rules({ 'jit-subject-match': ignored }) },
  },
  {
    id: 'placeholder-certificate-accepted',
    area: 'saml',
    bug: 'trusts the setup placeholder certificate as if it were the IdP certificate, where every assertion is refused until it is replaced',
    cites: ['SF-16'],
    caughtBy: ['sso/salesforce-placeholder-and-form'],
    on: ['salesforce'],
    apply: { acs: rules({ 'placeholder-certificate': ignored }) },
  },
  {
    id: 'login-before-enable',
    area: 'saml',
    bug: 'accepts real logins before SSO is Enabled, when only the Test login may work',
    cites: ['OUT-04'],
    caughtBy: ['sso/outreach-test-and-enable'],
    on: ['outreach'],
    apply: { acs: rules({ 'sso-enabled': () => true }) },
  },
  {
    id: 'unknown-user-created',
    area: 'saml',
    bug: 'creates an unknown SSO user instead of refusing the login, where users must already exist',
    cites: ['INT-03'],
    caughtBy: ['sso/interact-existing-users-only'],
    on: ['interact'],
    apply: {
      acs: rules({
        'unknown-user': (subject, saml) => {
          const key = saml.identity.matches;
          return { userName: subject, ...(key === 'id' || key === 'userName' ? {} : { [key]: subject }) };
        },
      }),
    },
  },
  {
    id: 'any-name-id-format',
    area: 'saml',
    bug: 'accepts a NameID of any format where the SP requires one (emailAddress)',
    cites: ['PCO-01'],
    // No scenario yet: mock-sps/profitco's tests prove it.
    caughtBy: [],
    apply: { acs: rules({ 'name-id-format': ignored }) },
  },
  {
    id: 'account-id-not-in-urls',
    area: 'saml',
    bug: 'publishes an entity ID and ACS URL that do not carry the account ID',
    cites: ['OUT-01'],
    caughtBy: ['sso/outreach-account-urls'],
    on: ['outreach'],
    apply: { profile: urlsWithoutAccountId },
  },
  {
    id: 'metadata-import-ignored',
    area: 'saml',
    bug: 'imports IdP metadata but keeps only its certificate and endpoint, not its URL or entity ID',
    cites: ['INT-02', 'SPK-01'],
    caughtBy: ['sso/interact-metadata-url', 'sso/sparkpost-metadata-upload'],
    on: ['interact', 'sparkpost'],
    apply: {
      // Forgets where the metadata came from and whose it was.
      idpSettings: ({ metadataUrl: _url, entityId: _entityId, ...kept }) => kept,
    },
  },
  ...IDP_TRUST_AND_REQUEST_FAULTS,
  ...SESSION_FAULTS,
]);
