/**
 * Scenarios are contract checks: each declares what it verifies (requirement IDs,
 * level) and what it needs of a target; the runner applies it to every target
 * that meets `requires` and records the others as not applicable, with the reason.
 */
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Level } from '#harness/requirements';
import type { CoreRequirementId } from '#harness/requirements';
import type { ScenarioContext } from './context.js';

export const SUITES = [
  'scim-protocol',
  'provisioning',
  'group-sync',
  'deactivation',
  'import',
  'sso',
  'saml-security',
  'resilience',
] as const;
export type SuiteId = (typeof SUITES)[number];

/** Optional SCIM features that a target advertises in /ServiceProviderConfig. @see RFC 7643 §5 */
export type AdvertisedFeature = 'sort' | 'etag' | 'filter' | 'patch' | 'changePassword';

/** What a scenario needs of a target. */
export interface Requires {
  /** A SAML SP instead of a SCIM service (the sso and saml-security suites). */
  saml?: boolean;
  /** A SCIM service with /Groups. */
  groups?: boolean;
  /** The mock SP's inspection API (mock targets only). */
  inspection?: boolean;
  /** The reference IdP provisions the target (a mock SP whose app is in the IdP's catalogue). */
  provisioning?: boolean;
  /** DELETE /Users (an app that only deactivates users does not offer it). */
  deleteUsers?: boolean;
  /** Only this SP (an app-specific requirement row). */
  sp?: string;
  /** Checked hard only where advertised; elsewhere the check is softened to MAY. @see docs/conformance.md "Verdicts" */
  advertised?: AdvertisedFeature;
}

export interface ScenarioDefinition<Id extends string = string> {
  /** `<suite>/<name>`, unique. */
  id: string;
  title: string;
  /** The requirement IDs it verifies (harness/requirements, or the app's rows). */
  requirements: readonly Id[];
  level: Level;
  /**
   * The clause of the standard the check judges, as `RFC 7644 §3.4.2.2` (several joined by `; `),
   * so a reader finds the text the RFC 2119 word in `level` comes from. `list checks --requirement`
   * matches it.
   */
  clause?: string;
  /** A security check: its failure is critical. */
  security?: boolean;
  /**
   * Graded by consequence: how much a failure costs the customer, when that is less than the level
   * says (a MUST nobody's IdP depends on). Reports show `consequence` beside the verdict.
   */
  impact?: { severity: 'warning' | 'note'; consequence: string };
  requires?: Requires;
  run(ctx: ScenarioContext): Promise<void>;
}

export interface Scenario extends ScenarioDefinition {
  suite: SuiteId;
  /** The module that declared it, relative to the package (its TypeScript source), when known. */
  definedIn?: string;
}

/** The package root: two folders up from this module, in the sources and in dist/ alike. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The module that called `defineScenario`, as `scenarios/…/x.ts`; undefined when the stack does not say. */
function callerModule(below: (...args: never[]) => unknown): string | undefined {
  const original = Error.prepareStackTrace;
  try {
    Error.prepareStackTrace = (_error, frames) => frames;
    const holder: { stack?: NodeJS.CallSite[] } = {};
    Error.captureStackTrace(holder, below);
    const name = holder.stack?.[0]?.getFileName() ?? undefined;
    if (name === undefined) return undefined;
    const path = name.startsWith('file:') ? fileURLToPath(name) : name;
    // In the run bundle (bin.ts) every module is in one of a few files: the module is not known.
    if (!path.startsWith(PACKAGE_ROOT) || path.includes(`${sep}run-bundle${sep}`)) return undefined;
    return path.slice(PACKAGE_ROOT.length).replace(/\.js$/, '.ts');
  } finally {
    Error.prepareStackTrace = original;
  }
}

/**
 * Declares a scenario; the suite is the id's first segment. An engine check cites the engine's
 * rows (a typo fails to compile); a check of an app cites its rows too, through `checksCiting`.
 */
export function defineScenario<Id extends string = CoreRequirementId>(
  definition: ScenarioDefinition<NoInfer<Id>>,
): Scenario {
  return declare(definition, callerModule(defineScenario));
}

/** A `defineScenario` whose checks cite `Id` (an app's rows and the engine's): `checksCiting<SalesforceCheckCites>()`. */
export function checksCiting<Id extends string>(): (definition: ScenarioDefinition<NoInfer<Id>>) => Scenario {
  const define = (definition: ScenarioDefinition<Id>): Scenario => declare(definition, callerModule(define));
  return define;
}

function declare(definition: ScenarioDefinition, definedIn: string | undefined): Scenario {
  const suite = definition.id.split('/')[0] as SuiteId;
  if (!SUITES.includes(suite)) {
    throw new TypeError(
      `Scenario id '${definition.id}' must start with a suite (${SUITES.join(', ')}) and a '/'`,
    );
  }
  if (definition.requirements.length === 0)
    throw new TypeError(`Scenario '${definition.id}' must cite at least one requirement ID`);
  return { ...definition, suite, ...(definedIn === undefined ? {} : { definedIn }) };
}
