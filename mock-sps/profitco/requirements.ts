/**
 * Profit.co's requirement rows, from its integration guide.
 */
import {
  PROFITCO_GUIDE,
  defineRequirements,
  type CoreRequirementId,
  type RequirementIdOf,
} from '#harness/requirements';
import { checksCiting } from '#harness/runner';

export const PROFITCO_REQUIREMENTS = defineRequirements([
  {
    id: 'PCO-01',
    level: 'DOC',
    text: 'SAML: SP Entity ID `urn:profit-prod:profit-prod-sso-auth`; NameID = email with format `urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress`; RSA-SHA256; the assertion must be signed; attribute `username` = email. The SP is configured by pasting the IdP Entity ID and X.509 certificate.',
    source: {
      document: PROFITCO_GUIDE,
      section:
        'Go to the SSO tab (SP Entity ID, SAML Subject NameID, Signature Algorithm, Sign Assertion, User Attributes); Export Metadata',
    },
  },
  {
    id: 'PCO-02',
    level: 'DOC',
    text: "SCIM base URL depends on region (US `api` host, EU `eu` host); the token is formed from the SP's API Key and SCIM Key in a fixed format (assumed: `<apiKey>:<scimKey>`); a malformed token is refused with 401.",
    source: {
      document: PROFITCO_GUIDE,
      section:
        'Configure JumpCloud User Provisioning (SCIM base URL by region, Token key from API Key and SCIM Key)',
    },
    assumed: 'the hosts api.profit.co / eu.profit.co and the token format <apiKey>:<scimKey>',
  },
  {
    id: 'PCO-03',
    level: 'DOC',
    text: 'The IdP\'s "Test Connection" must succeed before activation.',
    source: {
      document: PROFITCO_GUIDE,
      section: 'Configure JumpCloud User Provisioning (Test Connection, then Activate)',
    },
  },
  {
    id: 'PCO-04',
    level: 'DOC',
    text: 'No group management: group management must be disabled; any /Groups call is refused.',
    source: {
      document: PROFITCO_GUIDE,
      section: 'Configure JumpCloud User Provisioning (group management disabled)',
    },
  },
  {
    id: 'PCO-05',
    level: 'DOC',
    text: 'Supported attributes: givenName, familyName, email, active, title, department.',
    source: { document: PROFITCO_GUIDE, section: 'The supported attributes are' },
  },
  {
    id: 'PCO-06',
    level: 'DOC',
    text: 'Department: an existing department (enabled or disabled) is merged, never duplicated; a user is not placed in a disabled department; an unknown department is created.',
    source: { document: PROFITCO_GUIDE, section: 'The supported attributes are (Department rules 1–3)' },
  },
  {
    id: 'PCO-07',
    level: 'DOC',
    text: 'Create, update, deactivate (user suspended or removed from the bound group) and reactivate (assigned back).',
    source: {
      document: PROFITCO_GUIDE,
      section: 'Configure JumpCloud User Provisioning (Create, Update, Deactivate, Reactivate Users)',
    },
  },
] as const);

/** An ID a check of Profit.co cites: one of its rows, or one of the engine's. */
export type ProfitcoCheckCites = RequirementIdOf<typeof PROFITCO_REQUIREMENTS> | CoreRequirementId;

/** Declares a check of this app (a cited typo fails to compile). */
export const defineProfitcoCheck = checksCiting<ProfitcoCheckCites>();
