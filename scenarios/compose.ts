/**
 * The suites and the requirement catalogue with the apps handed in: the engine's checks, each
 * app's own checks in its suite, and the engine checks an app's rows name in `checkedBy`
 * citing those rows too. The composition root calls these with the registered apps.
 */
import { CORE_REQUIREMENTS, IDP_REQUIREMENTS, type Requirement } from '#harness/requirements';
import { SUITES, type Scenario, type SuiteId } from '#harness/runner';
import type { App } from './app.js';
import { engineSuites } from './suites.js';

/** Every suite: the engine's checks first, then each app's, in the apps' order. */
export function composeSuites(apps: readonly App[]): Readonly<Record<SuiteId, readonly Scenario[]>> {
  const citedBy = new Map<string, string[]>();
  for (const row of apps.flatMap((app) => app.requirements))
    for (const check of row.checkedBy ?? []) citedBy.set(check, [...(citedBy.get(check) ?? []), row.id]);
  const known = new Set(Object.values(engineSuites).flatMap((checks) => checks.map((check) => check.id)));
  const unknown = [...citedBy.keys()].filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new TypeError(`Requirement rows name checks that do not exist in checkedBy: ${unknown.join(', ')}`);
  const cite = (check: Scenario): Scenario => {
    const extra = citedBy.get(check.id);
    return extra ? { ...check, requirements: [...check.requirements, ...extra] } : check;
  };
  const composed = {} as Record<SuiteId, readonly Scenario[]>;
  for (const suite of SUITES) {
    composed[suite] = [
      ...engineSuites[suite].map(cite),
      ...apps.flatMap((app) => app.checks.filter((check) => check.suite === suite)),
    ];
  }
  return composed;
}

/** Every requirement row: the reference IdP's, each app's, then the SCIM and SAML protocol rows. */
export function composeRequirements(apps: readonly App[]): readonly Requirement[] {
  return [
    ...IDP_REQUIREMENTS,
    ...apps.flatMap((app) => app.requirements),
    ...CORE_REQUIREMENTS.filter((row) => !row.id.startsWith('IDP-')),
  ];
}
