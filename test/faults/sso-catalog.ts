import type { SamlFault, SpId } from '#mock-sps';

/** SP fault switches the sso suite's app rows catch: the fault, the SP it shows on, the checks that fail. */
export const SSO_ROW_CATCHERS: readonly { fault: SamlFault; sp: SpId; fails: readonly string[] }[] = [
  { fault: 'skip-issuer-check', sp: 'outreach', fails: ['sso/outreach-configured-idp-only'] },
  { fault: 'login-before-enable', sp: 'outreach', fails: ['sso/outreach-test-and-enable'] },
  { fault: 'jit-without-required-attributes', sp: 'outreach', fails: ['sso/outreach-jit'] },
  { fault: 'unknown-user-created', sp: 'interact', fails: ['sso/interact-existing-users-only'] },
  { fault: 'skip-time-check', sp: 'salesforce', fails: ['sso/salesforce-identity-and-history'] },
  {
    fault: 'placeholder-certificate-accepted',
    sp: 'salesforce',
    fails: ['sso/salesforce-placeholder-and-form'],
  },
  { fault: 'skip-signature-check', sp: 'profitco', fails: ['sso/profitco-assertion'] },
  { fault: 'account-id-not-in-urls', sp: 'outreach', fails: ['sso/outreach-account-urls'] },
  { fault: 'metadata-import-ignored', sp: 'interact', fails: ['sso/interact-metadata-url'] },
  { fault: 'metadata-import-ignored', sp: 'sparkpost', fails: ['sso/sparkpost-metadata-upload'] },
];

/** The sso scenarios a fault switch is proven to make fail. */
export const SSO_FAULT_CATCHERS: readonly string[] = SSO_ROW_CATCHERS.flatMap((row) => row.fails);

/** App rows no fault switch breaks yet. */
export const SSO_NOT_YET_REPRODUCED: readonly string[] = [];
