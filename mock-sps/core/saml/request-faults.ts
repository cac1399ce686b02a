/**
 * SAML faults outside the ACS checks: how the SP keeps its IdP's signing certificates across a
 * key rollover (the `idpSettings` seam), and how it builds the AuthnRequest it sends (the
 * `authnRequest` seam). Part of SAML_CORE_FAULTS (faults.ts).
 * @see docs/decisions/0012-faults-wrap.md, docs/decisions/0019-key-trust.md
 */
import { defineSpFaults } from '../fault.js';

const EMAIL_ADDRESS = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
const PERSISTENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';

/** What the checks of the saml-security suite prove, by name. */
const checks = (...ids: string[]): string[] => ids.map((id) => `saml-security/${id}`);

export const IDP_TRUST_AND_REQUEST_FAULTS = defineSpFaults([
  {
    id: 'first-certificate-only',
    area: 'saml',
    bug: "keeps only the first signing certificate of the IdP's metadata, so the next key of a rollover is refused",
    cites: ['SAML-KEY-ROLLOVER'],
    caughtBy: checks('rollover-next-key'),
    on: ['sparkpost'],
    apply: { idpSettings: (entered) => ({ ...entered, certificates: entered.certificates.slice(0, 1) }) },
  },
  {
    id: 'certificates-accumulate',
    area: 'saml',
    bug: 'adds the certificates of each metadata import to those it trusted before, so a key the IdP retired still signs users in',
    cites: ['SAML-KEY-ROLLOVER'],
    caughtBy: checks('rollover-retired-key'),
    on: ['sparkpost'],
    apply: {
      idpSettings: (entered, previous) => ({
        ...entered,
        certificates: [...new Set([...(previous?.certificates ?? []), ...entered.certificates])],
      }),
    },
  },
  {
    id: 'unsigned-authn-request',
    area: 'saml',
    bug: 'sends its AuthnRequest unsigned although its metadata says AuthnRequestsSigned="true" (Metadata §2.4.4)',
    cites: ['SAML-SP-REQUEST-SIGNED'],
    caughtBy: checks('sp-request-signed'),
    on: ['salesforce'],
    apply: { authnRequest: (plan) => ({ ...plan, sign: false }) },
  },
  {
    id: 'sha1-authn-request',
    area: 'saml',
    bug: 'signs its AuthnRequest with RSA-SHA1',
    cites: ['SAML-SP-REQUEST-ALGORITHM'],
    caughtBy: checks('sp-request-algorithm'),
    on: ['salesforce'],
    apply: { authnRequest: (plan) => ({ ...plan, algorithm: 'rsa-sha1' }) },
  },
  {
    id: 'authn-request-unlisted-acs',
    area: 'saml',
    bug: 'asks for the Response at an ACS URL its metadata does not list (Profiles §4.1.4.1)',
    cites: ['SAML-SP-REQUEST-ACS'],
    caughtBy: checks('sp-request-acs'),
    on: ['interact', 'sparkpost'],
    apply: {
      authnRequest: (plan) => ({
        ...plan,
        input: { ...plan.input, acsUrl: `${plan.input.acsUrl ?? ''}/legacy` },
      }),
    },
  },
  {
    id: 'authn-request-foreign-issuer',
    area: 'saml',
    bug: 'names another entity than its metadata as the AuthnRequest Issuer (Profiles §4.1.4.1)',
    cites: ['SAML-SP-REQUEST'],
    caughtBy: checks('sp-request-well-formed'),
    on: ['sparkpost', 'interact'],
    apply: {
      authnRequest: (plan) => ({ ...plan, input: { ...plan.input, issuer: `${plan.input.issuer}/staging` } }),
    },
  },
  {
    id: 'stale-authn-request',
    area: 'saml',
    bug: 'stamps its AuthnRequest an hour in the past (a clock or a cached request), which an IdP that checks freshness refuses',
    cites: ['SAML-SP-REQUEST'],
    caughtBy: checks('sp-request-well-formed'),
    on: ['sparkpost', 'interact'],
    apply: {
      authnRequest: (plan) => ({
        ...plan,
        input: { ...plan.input, now: new Date(plan.input.now.getTime() - 3_600_000) },
      }),
    },
  },
  {
    id: 'authn-request-unlisted-nameid-format',
    area: 'saml',
    bug: 'lists emailAddress as its NameIDFormat in its metadata but asks for persistent NameIDs in its AuthnRequest',
    cites: ['SAML-SP-REQUEST-NAMEID-POLICY'],
    caughtBy: checks('sp-request-nameid-policy'),
    on: ['interact', 'sparkpost'],
    apply: {
      profile: (profile) =>
        profile.saml ? { ...profile, saml: { ...profile.saml, nameId: { format: EMAIL_ADDRESS } } } : profile,
      authnRequest: (plan) => ({ ...plan, input: { ...plan.input, nameIdFormat: PERSISTENT } }),
    },
  },
  {
    id: 'deflated-post-authn-request',
    area: 'saml',
    bug: 'DEFLATE-compresses an HTTP-POST AuthnRequest, as the Redirect binding does (Bindings §3.5.4)',
    cites: ['SAML-SP-REQUEST-ENCODING'],
    caughtBy: checks('sp-request-encoding'),
    on: ['outreach', 'salesforce'],
    apply: { authnRequest: (plan) => ({ ...plan, deflatePost: true }) },
  },
]);
