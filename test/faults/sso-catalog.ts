import { caughtIn } from './saml-records.js';

/** The suites besides saml-security whose checks SAML fault records prove able to fail. */
export const SAML_FAULT_SUITES = ['sso'] as const;

/** The sso scenarios a SAML fault record is proven to make fail (mock-sps/core/saml/faults.ts). */
export const SSO_FAULT_CATCHERS: readonly string[] = SAML_FAULT_SUITES.flatMap((suite) =>
  caughtIn(suite).flatMap((catchers) => catchers.checks),
);

/** App rows no fault switch breaks yet. */
export const SSO_NOT_YET_REPRODUCED: readonly string[] = [];
