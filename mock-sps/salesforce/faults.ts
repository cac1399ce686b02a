/**
 * SP fault switches of this app's SCIM quirks: each makes the mock break one documented
 * rule, so the check that judges the rule is proven able to fail.
 */
export const SALESFORCE_FAULTS = {
  'token-never-expires': 'accepts an OAuth access token after the session timeout (SF-01)',
  'deny-grants-access': 'records an authorisation and issues a code when the admin clicks Deny (SF-01)',
  'cross-environment-tokens':
    'accepts access tokens issued by its production or Sandbox twin, as if they shared sessions (SF-01)',
  'allow-non-email-username': 'accepts a username that is not an email address (SF-02)',
  'allow-plus-in-username': 'accepts special characters such as + in a username (SF-02)',
  'no-cross-org-registry': 'accepts a username already taken in another Salesforce org (SF-02)',
  'no-default-entitlement': 'creates a user without the default profile entitlement "Standard User" (SF-03)',
  'apply-email-change':
    'applies an email change at once instead of waiting for the user to confirm it (SF-04)',
  'no-language-default': 'creates users without the en_US locale and preferred language defaults (SF-05)',
  'accept-many-addresses': 'stores several addresses and phone numbers per user (SF-06)',
  'ignore-picklists': 'accepts an address country/region although country/state picklists are on (SF-07)',
  'drop-enterprise-extension':
    'drops the enterprise extension (employeeNumber, department, organization) (SF-09)',
  'federation-id-from-scim':
    'takes the Federation ID from SCIM externalId, so SCIM sets and clears it (SF-10, SF-11)',
} as const;
