/**
 * SP fault switches of this app's SCIM quirks: each makes the mock break one documented
 * rule, so the check that judges the rule is proven able to fail.
 */
export const PROFITCO_FAULTS = {
  'accept-malformed-token':
    'accepts the SCIM Key (or the API Key) alone as the token instead of "<API Key>:<SCIM Key>" (PCO-02)',
  'eu-host-unserved': 'answers 404 on its EU host, so an EU account cannot be provisioned (PCO-02)',
  'serves-groups': 'answers /Groups as if it had groups, although Profit.co has none (PCO-04)',
  'drop-title': 'does not store the job title the IdP sends (PCO-05)',
  'keep-unsupported-attributes':
    'stores attributes outside givenName, familyName, email, active, title and department (PCO-05)',
  'duplicate-department':
    'creates a new department when one of the same name exists disabled or in another case (PCO-06)',
  'place-in-disabled-department': 'places users in a disabled department (PCO-06)',
  'ignore-reactivation': 'keeps a deactivated user inactive when the IdP sets active=true (PCO-07)',
} as const;
