import { flowScenarios } from './flows.js';
import { rowScenarios } from './rows.js';

/** Single sign-on through the reference IdP, for every SP with SAML, and each app's SAML rows. */
export const ssoScenarios = [...flowScenarios, ...rowScenarios];
