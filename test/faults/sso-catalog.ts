import { caughtIn } from './saml-records.js';

/** The sso scenarios a SAML fault record is proven to make fail (mock-sps/core/saml/faults.ts). */
export const SSO_FAULT_CATCHERS: readonly string[] = caughtIn('sso').flatMap((catchers) => catchers.checks);

/** App rows no fault switch breaks yet. */
export const SSO_NOT_YET_REPRODUCED: readonly string[] = [];
