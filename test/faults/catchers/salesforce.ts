import type { SALESFORCE_FAULTS } from '../../../mock-sps/salesforce/faults.js';

const CONSENT = 'provisioning/salesforce-oauth-consent';
const SANDBOX = 'provisioning/salesforce-sandbox';
const USERNAME = 'provisioning/salesforce-username-rules';
const ENTITLEMENT = 'provisioning/salesforce-entitlement';
const EMAIL = 'provisioning/salesforce-email-change';
const CREATE_ONLY = 'provisioning/salesforce-create-only-fields';
const ADDRESSES = 'provisioning/salesforce-one-address-phone';
const PICKLISTS = 'provisioning/salesforce-picklists';
const ENTERPRISE = 'provisioning/salesforce-enterprise-extension';
const FEDERATION = 'provisioning/salesforce-no-federation-id';
const JIT = 'provisioning/salesforce-jit-exclusive';

/** The checks that must catch each Salesforce fault, SP side and connector side. */
export const SALESFORCE_SP_CATCHERS: Record<keyof typeof SALESFORCE_FAULTS, readonly string[]> = {
  'token-never-expires': [CONSENT],
  'deny-grants-access': [CONSENT],
  'cross-environment-tokens': [SANDBOX],
  'allow-non-email-username': [USERNAME],
  'allow-plus-in-username': [USERNAME],
  'no-cross-org-registry': [USERNAME],
  'no-default-entitlement': [ENTITLEMENT],
  'apply-email-change': [EMAIL],
  'no-language-default': [CREATE_ONLY],
  'accept-many-addresses': [ADDRESSES],
  'ignore-picklists': [PICKLISTS],
  'drop-enterprise-extension': [ENTERPRISE],
  'federation-id-from-scim': [FEDERATION, JIT],
};
