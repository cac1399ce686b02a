/**
 * Which checks cover each requirement row (`sso-harness list requirements` flags a row no check
 * covers, and a cited ID that is no row).
 */
import type { Requirement } from '#harness/requirements';
import type { Scenario } from '#harness/runner';

/** One row with the checks that cite it. */
export interface RequirementCoverage {
  requirement: Requirement;
  scenarios: string[];
}

/** Each requirement with the scenarios that cite it; unknown IDs cited by a scenario are reported too. */
export function requirementCoverage(
  scenarios: readonly Scenario[],
  requirements: readonly Requirement[],
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
