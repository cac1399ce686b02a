import type { SALESFORCE_IDP_FAULTS } from '../../../harness/idp/fault-sets/salesforce.js';

const CONSENT = 'provisioning/salesforce-oauth-consent';
const SANDBOX = 'provisioning/salesforce-sandbox';
const USERNAME = 'provisioning/salesforce-username-rules';
const ENTITLEMENT = 'provisioning/salesforce-entitlement';
const EMAIL = 'provisioning/salesforce-email-change';
const CREATE_ONLY = 'provisioning/salesforce-create-only-fields';
const ADDRESSES = 'provisioning/salesforce-one-address-phone';
const PICKLISTS = 'provisioning/salesforce-picklists';
const ACTIVE = 'provisioning/salesforce-active';
const ENTERPRISE = 'provisioning/salesforce-enterprise-extension';
const FEDERATION = 'provisioning/salesforce-no-federation-id';

/** The checks that must catch each Salesforce connector fault. */
export const SALESFORCE_IDP_CATCHERS: Record<keyof typeof SALESFORCE_IDP_FAULTS, readonly string[]> = {
  'oauth-accept-pasted-token': [CONSENT],
  'no-token-refresh': [CONSENT],
  'production-login-for-sandbox': [SANDBOX],
  'username-not-email': [USERNAME],
  'overwrite-create-only': [ENTITLEMENT, CREATE_ONLY],
  'email-change-recreates-user': [EMAIL],
  'language-from-directory': [CREATE_ONLY],
  'send-all-addresses': [ADDRESSES],
  'hide-sync-errors': [PICKLISTS, USERNAME],
  'ignore-password-expiry': [ACTIVE],
  'employee-id-as-external-id': [ENTERPRISE],
  'send-federation-id': [FEDERATION],
};
