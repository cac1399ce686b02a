import { flowScenarios } from './flows.js';
import { idpRowScenarios } from './idp-rows.js';
import { singleLogoutScenarios } from './single-logout.js';

/** Single sign-on through the reference IdP, for every SP with SAML. */
export const ssoScenarios = [...flowScenarios, ...idpRowScenarios, ...singleLogoutScenarios];
