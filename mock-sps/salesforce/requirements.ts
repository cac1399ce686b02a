/**
 * Salesforce's requirement rows, from its integration guide.
 */
import {
  SALESFORCE_GUIDE,
  defineRequirements,
  type CoreRequirementId,
  type RequirementIdOf,
} from '#harness/requirements';
import { checksCiting } from '#harness/runner';

export const SALESFORCE_REQUIREMENTS = defineRequirements([
  {
    id: 'SF-01',
    level: 'DOC',
    text: 'SCIM is authorised through an OAuth consent (admin signs in, allows access), not a pasted token; a Sandbox org uses its own connector (its own login/base URL).',
    source: {
      document: SALESFORCE_GUIDE,
      section:
        'Important Considerations (Sandbox connector); Configuring the Identity Management Integration: To configure JumpCloud (sign in, Allow)',
    },
  },
  {
    id: 'SF-02',
    level: 'DOC',
    text: "userName must be the user's email; usernames are unique across all orgs (assumed: the mock keeps a registry of names taken elsewhere and answers 409 uniqueness); special characters such as `+` are refused in usernames.",
    source: {
      document: SALESFORCE_GUIDE,
      section: 'Attribute Considerations (email as username, unique usernames, no special characters)',
    },
    assumed: 'usernames taken in other orgs are kept in a registry and answer 409 uniqueness',
  },
  {
    id: 'SF-03',
    level: 'DOC',
    text: 'Users are created with entitlement (profile) "Standard User"; a later change of entitlement in the SP is never overwritten by the IdP.',
    source: {
      document: SALESFORCE_GUIDE,
      section: 'Important Considerations (default entitlement Standard User); Salesforce User Attributes',
    },
  },
  {
    id: 'SF-04',
    level: 'DOC',
    text: 'The email of an existing user cannot be changed through provisioning (the SP requires the user to confirm it): the update is not applied and the old email stays.',
    source: {
      document: SALESFORCE_GUIDE,
      section: "Important Considerations (email changes need the user's confirmation)",
    },
  },
  {
    id: 'SF-05',
    level: 'DOC',
    text: 'nickName is null at creation and never overwritten; locale and preferredLanguage are en_US at creation and not updated afterwards.',
    source: {
      document: SALESFORCE_GUIDE,
      section: 'Important Considerations (nickname null, locale and preferred language en_US)',
    },
  },
  {
    id: 'SF-06',
    level: 'DOC',
    text: 'One address and one phone number at most.',
    source: {
      document: SALESFORCE_GUIDE,
      section: 'Salesforce User Attributes (one address, one phone number)',
    },
  },
  {
    id: 'SF-07',
    level: 'DOC',
    text: 'With country/state picklists enabled in the org, a user with address country/region fails to sync with a clear error.',
    source: {
      document: SALESFORCE_GUIDE,
      section: 'Important Considerations (country/state picklists must be deactivated)',
    },
  },
  {
    id: 'SF-08',
    level: 'DOC',
    text: 'active = not suspended and not password-expired.',
    source: {
      document: SALESFORCE_GUIDE,
      section: 'Salesforce User Attributes (active = !suspended && !passwordExpired)',
    },
  },
  {
    id: 'SF-09',
    level: 'DOC',
    text: 'Enterprise extension: employeeNumber (employeeIdentifier), department, organization (company).',
    source: { document: SALESFORCE_GUIDE, section: 'Salesforce User Attributes (enterprise extension)' },
  },
  {
    id: 'SF-10',
    level: 'DOC',
    text: 'SCIM never sets the Federation Identifier.',
    source: {
      document: SALESFORCE_GUIDE,
      section: 'Important Considerations (SCIM does not populate the Federation Identifier)',
    },
  },
  {
    id: 'SF-11',
    level: 'DOC',
    text: 'JIT and SCIM are exclusive: with JIT enabled in the SP, identity management does not work as documented.',
    source: { document: SALESFORCE_GUIDE, section: 'Prerequisites (JIT user provisioning must be disabled)' },
  },
  {
    id: 'SF-12',
    level: 'DOC',
    text: 'Groups supported (displayName).',
    source: { document: SALESFORCE_GUIDE, section: 'Group Attributes' },
  },
  {
    id: 'SF-13',
    level: 'DOC',
    text: 'Deleting the application at the IdP leaves provisioned users active in the SP, and they can no longer log in with their old password.',
    source: { document: SALESFORCE_GUIDE, section: 'Important Considerations (deleting the application)' },
  },
  {
    id: 'SF-14',
    level: 'DOC',
    text: "SAML: SP Entity ID `https://saml.salesforce.com` or `https://<domain>.my.salesforce.com`; ACS is the org's login URL; SP-initiated requests over HTTP-POST and **signed** with the SP's request-signing certificate; assertions **encrypted** to the SP's assertion-decryption certificate; IdP login URL `<idp-base>/saml2/salesforce` by default.",
    source: {
      document: SALESFORCE_GUIDE,
      section:
        'Configuring the SSO Integration: To generate the certificate, To enable SAML, To configure JumpCloud',
    },
    checkedBy: ['sso/sp-initiated'],
  },
  {
    id: 'SF-15',
    level: 'DOC',
    text: 'SAML identity type: Username, Federation ID or User ID, found in the NameID or in a named attribute; "Make Federation ID case-insensitive" is on by default.',
    source: {
      document: SALESFORCE_GUIDE,
      section: 'To enable SAML (SAML Identity Type, Make Federation ID case-insensitive)',
    },
  },
  {
    id: 'SF-18',
    level: 'DOC',
    text: 'JIT (standard): attributes carry the `User.` prefix (`User.Username`, `User.Email`, `User.LastName`, `User.FirstName`, `User.ProfileId`, `User.FederationIdentifier`); LastName, ProfileId (an id or a profile name) and Username are required at insert; FederationIdentifier, if present, must match the subject.',
    source: { document: SALESFORCE_GUIDE, section: 'To configure JumpCloud (JIT required attributes)' },
  },
  {
    id: 'SF-19',
    level: 'DOC',
    text: "A refused login is recorded in a login history with Salesforce's reason names: Assertion Expired, Assertion Invalid, Audience Invalid, Issuer Mismatched, Recipient Mismatched, Replay Detected, Signature Invalid, Subject Confirmation Error.",
    source: {
      document: SALESFORCE_GUIDE,
      section: "Validating SSO authentication workflow(s); Salesforce's login history reasons",
    },
  },
  {
    id: 'SF-16',
    level: 'DOC',
    text: "Setup order: a placeholder IdP certificate is uploaded first; until it is replaced with the IdP's real certificate every assertion is refused.",
    source: { document: SALESFORCE_GUIDE, section: 'To enable SAML (temporary placeholder certificate)' },
  },
  {
    id: 'SF-17',
    level: 'DOC',
    text: 'SSO for all users: with the login form disabled, users sign in only through the IdP.',
    source: {
      document: SALESFORCE_GUIDE,
      section: 'To enable JumpCloud SSO Login for All Salesforce Users (deselect Login Form)',
    },
  },
] as const);

/** An ID a check of Salesforce cites: one of its rows, or one of the engine's. */
export type SalesforceCheckCites = RequirementIdOf<typeof SALESFORCE_REQUIREMENTS> | CoreRequirementId;

/** Declares a check of this app (a cited typo fails to compile). */
export const defineSalesforceCheck = checksCiting<SalesforceCheckCites>();
