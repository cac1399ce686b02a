import { flowScenarios } from './flows.js';
import { idpRowScenarios } from './idp-rows.js';

/** Single sign-on through the reference IdP, for every SP with SAML. */
export const ssoScenarios = [...flowScenarios, ...idpRowScenarios];
