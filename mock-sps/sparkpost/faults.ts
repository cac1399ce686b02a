/**
 * SP fault switches of this app's SCIM quirks: each makes the mock break one documented
 * rule, so the check that judges the rule is proven able to fail.
 */
export const SPARKPOST_FAULTS = {
  'token-without-sso': 'generates a SCIM token for an account whose SSO is not configured (SPK-02)',
  'ignore-plan': 'offers SCIM on a plan below Premier (SPK-02: Premier or Enterprise only)',
  'enterprise-host-unserved':
    'answers 404 on an enterprise tenant host (<tenant>.api.e.sparkpost.com), so enterprise accounts cannot be provisioned (SPK-03)',
  'swap-first-last-name': 'stores name.givenName as lastName and name.familyName as firstName (SPK-04)',
  'accepts-group-calls': 'answers /Groups requests with success although SparkPost keeps no groups (SPK-04)',
  'suspended-listed-active': 'reports users suspended in SparkPost as active (SPK-05)',
} as const;
