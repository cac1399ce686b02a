/**
 * Interact Software's requirement rows, from its integration guide.
 */
import {
  INTERACT_GUIDE,
  defineRequirements,
  type CoreRequirementId,
  type RequirementIdOf,
} from '#harness/requirements';
import { checksCiting } from '#harness/runner';

export const INTERACT_REQUIREMENTS = defineRequirements([
  {
    id: 'INT-01',
    level: 'DOC',
    text: 'SCIM base `https://<subdomain>/api/v2/scim/v2`, bearer token generated in the SP (shown once), integration Active flag, optional request-body logging.',
    source: {
      document: INTERACT_GUIDE,
      section:
        'Configuring the Identity Management Integration: To configure Interact Software (Generate Key, Active, Log Request Body)',
    },
    checkedBy: ['scim-protocol/auth-wrong-token-401', 'provisioning/activation-refused'],
  },
  {
    id: 'INT-02',
    level: 'DOC',
    text: 'SAML: the SP imports the IdP metadata **from its URL**; its EntityID must match the SP Entity ID at the IdP; a login button with the configured name; optional default provider with auto-login.',
    source: {
      document: INTERACT_GUIDE,
      section: 'Configuring the SSO Integration: Copy the metadata URL; To configure Interact Software',
    },
  },
  {
    id: 'INT-03',
    level: 'DOC',
    text: 'SSO users must already exist in the People Directory (no JIT): SSO of an unknown user fails.',
    source: {
      document: INTERACT_GUIDE,
      section: 'Prerequisites (SSO users must already be set up in the People Directory)',
    },
  },
  {
    id: 'INT-04',
    level: 'DOC',
    text: 'User mapping: userName, active, userType (employeeType), emails, externalId (employeeIdentifier), name.givenName, name.familyName, title (jobTitle), preferredLanguage, locale, phoneNumbers.value, department, organization (company), location, password, addresses.streetAddress, addresses.region, and **addresses.locality arrives but is stored as addresses.formatted**.',
    source: { document: INTERACT_GUIDE, section: 'Attribute Mappings: Interact User Attributes' },
  },
  {
    id: 'INT-05',
    level: 'DOC',
    text: 'Attributes the IdP does not manage (timezone, manager, profileUrl, jobEndDate, bio, jobStartDate, DOB, initials, facebookID, linkedInId, twitterTag, instagramTag, passwordReset, ims skype) keep their SP-side values across IdP updates.',
    source: { document: INTERACT_GUIDE, section: 'Attribute Considerations' },
  },
  {
    id: 'INT-06',
    level: 'DOC',
    text: 'Groups: displayName; create, rename, delete, membership add/remove.',
    source: { document: INTERACT_GUIDE, section: 'Group Attributes; Group Management Considerations' },
    checkedBy: ['scim-protocol/patch-remove-member-filter', 'provisioning/group-membership'],
  },
  {
    id: 'INT-07',
    level: 'DOC',
    text: 'Changing the token requires deactivating and reactivating the integration (see IDP-IDM-02).',
    source: {
      document: INTERACT_GUIDE,
      section: 'Prerequisites (to update the SCIM token, deactivate the IdM integration)',
    },
  },
] as const);

/** An ID a check of Interact cites: one of its rows, or one of the engine's. */
export type InteractCheckCites = RequirementIdOf<typeof INTERACT_REQUIREMENTS> | CoreRequirementId;

/** Declares a check of this app (a cited typo fails to compile). */
export const defineInteractCheck = checksCiting<InteractCheckCites>();
