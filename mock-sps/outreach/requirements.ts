/**
 * Outreach's requirement rows, from its integration guide.
 */
import {
  OUTREACH_GUIDE,
  defineRequirements,
  type CoreRequirementId,
  type RequirementIdOf,
} from '#harness/requirements';
import { checksCiting } from '#harness/runner';

export const OUTREACH_REQUIREMENTS = defineRequirements([
  {
    id: 'OUT-01',
    level: 'DOC',
    text: 'The SP is identified by an Outreach ID; its ACS URL and SP Entity ID are derived from it and must equal the values configured at the IdP.',
    source: {
      document: OUTREACH_GUIDE,
      section: 'Prerequisites (Your Outreach ID); Creating a new JumpCloud Application Integration',
    },
  },
  {
    id: 'OUT-02',
    level: 'DOC',
    text: "The SP is configured with the IdP's sign-in URL, Issuer (IdP Entity ID) and certificate; an assertion from any other issuer or signed by any other key is refused.",
    source: { document: OUTREACH_GUIDE, section: 'To configure Outreach (sign-in URL, Issuer, certificate)' },
  },
  {
    id: 'OUT-03',
    level: 'DOC',
    text: 'A "Test" login shows the user email taken from the assertion; it must match the Outreach user\'s login email.',
    source: {
      document: OUTREACH_GUIDE,
      section: 'To configure Outreach (click Test, examine the User email)',
    },
  },
  {
    id: 'OUT-04',
    level: 'DOC',
    text: 'SSO accepts real logins only after it is Enabled; before that only the test login works.',
    source: { document: OUTREACH_GUIDE, section: 'To configure Outreach (check Enable)' },
  },
  {
    id: 'OUT-05',
    level: 'DOC',
    text: 'JIT provisioning: the first SSO of an unknown user creates the account from the JIT-required attributes (assumed: email, first name, last name); a missing JIT attribute fails the login with a clear error and creates nothing.',
    source: { document: OUTREACH_GUIDE, section: 'Using JIT Provisioning' },
    assumed: 'the JIT-required attributes are email, first name and last name',
  },
  {
    id: 'OUT-06',
    level: 'DOC',
    text: 'IdP-initiated and SP-initiated logins both work. No SCIM.',
    source: { document: OUTREACH_GUIDE, section: 'Validating SSO user authentication workflow(s)' },
    checkedBy: ['sso/idp-initiated', 'sso/sp-initiated'],
  },
] as const);

/** An ID a check of Outreach cites: one of its rows, or one of the engine's. */
export type OutreachCheckCites = RequirementIdOf<typeof OUTREACH_REQUIREMENTS> | CoreRequirementId;

/** Declares a check of this app (a cited typo fails to compile). */
export const defineOutreachCheck = checksCiting<OutreachCheckCites>();
