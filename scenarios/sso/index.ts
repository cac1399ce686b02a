import { flowScenarios } from './flows.js';
import { idpRowScenarios } from './idp-rows.js';
import { otherAppScenarios } from './other-apps.js';
import { outreachScenarios } from './outreach.js';
import { salesforceScenarios } from './salesforce.js';

/** Single sign-on through the reference IdP, for every SP with SAML, and each app's SAML rows. */
export const ssoScenarios = [
  ...flowScenarios,
  ...idpRowScenarios,
  ...outreachScenarios,
  ...salesforceScenarios,
  ...otherAppScenarios,
];
