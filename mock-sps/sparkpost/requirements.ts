/**
 * SparkPost's requirement rows, from its integration guide.
 */
import {
  SPARKPOST_GUIDE,
  defineRequirements,
  type CoreRequirementId,
  type RequirementIdOf,
} from '#harness/requirements';
import { checksCiting } from '#harness/runner';

export const SPARKPOST_REQUIREMENTS = defineRequirements([
  {
    id: 'SPK-01',
    level: 'DOC',
    text: 'SAML: the SP parses uploaded IdP metadata XML; without it, name + certificate + SAML endpoint are entered by hand.',
    source: {
      document: SPARKPOST_GUIDE,
      section: 'Download the JumpCloud metadata file; To configure SparkPost',
    },
  },
  {
    id: 'SPK-02',
    level: 'DOC',
    text: 'SSO must be configured before a SCIM token can be generated; SCIM requires a premier or enterprise plan.',
    source: {
      document: SPARKPOST_GUIDE,
      section: 'Prerequisites (a premier or enterprise plan; SSO must be configured to use SCIM)',
    },
  },
  {
    id: 'SPK-03',
    level: 'DOC',
    text: 'SCIM base URL by region: US `api.sparkpost.com`, EU `api.eu.sparkpost.com`, enterprise `<tenant>.api.e.sparkpost.com`, path `/api/v1/users/scim/v2`.',
    source: {
      document: SPARKPOST_GUIDE,
      section: 'Configuring the Identity Management Integration: To configure JumpCloud (base URL by region)',
    },
  },
  {
    id: 'SPK-04',
    level: 'DOC',
    text: 'Attributes: userName, emails, active, name.givenName (stored firstName), name.familyName (stored lastName). No groups.',
    source: { document: SPARKPOST_GUIDE, section: 'Attribute Mappings: SparkPost User Attributes' },
  },
  {
    id: 'SPK-05',
    level: 'DOC',
    text: 'Import: users suspended in the SP are not imported.',
    source: { document: SPARKPOST_GUIDE, section: 'Importing Users (suspended users are not created)' },
  },
  {
    id: 'SPK-06',
    level: 'DOC',
    text: 'Optional attributes excluded by the admin are never sent (see IDP-IDM-09).',
    source: { document: SPARKPOST_GUIDE, section: 'Modifying User Attributes' },
  },
] as const);

/** An ID a check of SparkPost cites: one of its rows, or one of the engine's. */
export type SparkPostCheckCites = RequirementIdOf<typeof SPARKPOST_REQUIREMENTS> | CoreRequirementId;

/** Declares a check of this app (a cited typo fails to compile). */
export const defineSparkPostCheck = checksCiting<SparkPostCheckCites>();
