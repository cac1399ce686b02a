import { defineScenario, type ScenarioContext } from '#harness/runner';
import { runVector } from './attack.js';
import { deprovisioningScenarios } from './deprovisioning.js';
import { rolloverScenarios } from './rollover.js';
import { sloScenarios } from './slo.js';
import { spRequestScenarios } from './sp-request.js';
import { attackVectors } from './vectors/index.js';

/** The attack catalogue (docs/conformance.md "SAML 2.0"), one check per vector, judged by who got logged in. */
const vectorScenarios = attackVectors.map((vector) =>
  defineScenario({
    id: `saml-security/${vector.id}`,
    title: `refuses ${vector.title}`,
    requirements: vector.cites,
    level: 'MUST',
    security: true,
    requires: { saml: true },
    run: (ctx: ScenarioContext) => runVector(ctx, vector),
  }),
);

/** The attacks, then key rollover, Single Logout, deprovisioning, and the checks of the SP's own AuthnRequest. */
export const samlSecurityScenarios = [
  ...vectorScenarios,
  ...rolloverScenarios,
  ...sloScenarios,
  ...deprovisioningScenarios,
  ...spRequestScenarios,
];
