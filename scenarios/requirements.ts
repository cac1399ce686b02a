/**
 * The requirement catalogue checks cite: the engine's rows (the reference IdP, SCIM, SAML)
 * and each app's, with full text, level and source. `sso-harness list --requirements` shows
 * which checks cover each row.
 */
import { CORE_REQUIREMENTS, IDP_REQUIREMENTS, type Requirement, type Scenario } from '#harness';
import {
  INTERACT_REQUIREMENTS,
  OUTREACH_REQUIREMENTS,
  PROFITCO_REQUIREMENTS,
  SALESFORCE_REQUIREMENTS,
  SPARKPOST_REQUIREMENTS,
} from '#mock-sps';

const APP_REQUIREMENTS: readonly Requirement[] = [
  ...OUTREACH_REQUIREMENTS,
  ...INTERACT_REQUIREMENTS,
  ...SALESFORCE_REQUIREMENTS,
  ...PROFITCO_REQUIREMENTS,
  ...SPARKPOST_REQUIREMENTS,
];

/** Every row: the IdP's, the apps', then the SCIM and SAML protocol rows. */
export const REQUIREMENTS: readonly Requirement[] = [
  ...IDP_REQUIREMENTS,
  ...APP_REQUIREMENTS,
  ...CORE_REQUIREMENTS.filter((row) => !row.id.startsWith('IDP-')),
];

/** One row with the checks that cite it. */
export interface RequirementCoverage {
  requirement: Requirement;
  scenarios: string[];
}

/** Each requirement with the scenarios that cite it; unknown IDs cited by a scenario are reported too. */
export function requirementCoverage(
  scenarios: readonly Scenario[],
  requirements: readonly Requirement[] = REQUIREMENTS,
): { covered: RequirementCoverage[]; unknown: { id: string; scenarios: string[] }[] } {
  const citing = new Map<string, string[]>();
  for (const scenario of scenarios) {
    for (const id of scenario.requirements) citing.set(id, [...(citing.get(id) ?? []), scenario.id]);
  }
  const known = new Set(requirements.map((requirement) => requirement.id));
  return {
    covered: requirements.map((requirement) => ({
      requirement,
      scenarios: citing.get(requirement.id) ?? [],
    })),
    unknown: [...citing].filter(([id]) => !known.has(id)).map(([id, ids]) => ({ id, scenarios: ids })),
  };
}
