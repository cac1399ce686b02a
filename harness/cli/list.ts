/**
 * `sso-harness list`: what the harness can run, and which checks cover each
 * requirement ID (an uncovered ID is flagged).
 */
import type { FaultRecord } from '#harness/faults';
import type { Scenario } from '#harness/runner';
import { DIALECTS, dialectSources } from '#harness/idp';
import { requirementCoverage } from '#scenarios';
import {
  APPS,
  IDP_FAULT_RECORDS,
  REQUIREMENTS,
  SAML_FAULT_RECORDS,
  SCIM_FAULT_RECORDS,
  allScenarios,
  suites,
} from '#registry';
import { UsageError } from './usage.js';

const WHAT = ['sps', 'suites', 'scenarios', 'checks', 'requirements', 'faults', 'dialects'] as const;

/** How a requirement ID looks (IDP-IDM-03, SF-04, SCIM-PATCH). */
const REQUIREMENT_ID = /^[A-Z]+(?:-[A-Z0-9]+)+$/;

/**
 * Lists what `args` name; `scenarios` are the checks requirement coverage counts (all of them but
 * in tests). Requirement IDs after `requirements` show those rows in full with their checks.
 */
export function listCommand(
  args: readonly string[],
  out: NodeJS.WritableStream,
  scenarios: readonly Scenario[] = allScenarios,
): number {
  const { query, rest } = requirementQuery(args);
  const words = rest.map((arg) => (arg === '--requirements' ? 'requirements' : arg));
  if (query !== undefined) {
    if (words.some((word) => word !== 'checks' && word !== 'scenarios'))
      throw new UsageError(`--requirement goes with 'list checks' (found '${words.join(' ')}')`);
    out.write(`${checksFor(query, scenarios).join('\n')}\n`);
    return 0;
  }
  const ids = words.filter((word) => REQUIREMENT_ID.test(word));
  for (const word of words) {
    if (!(WHAT as readonly string[]).includes(word) && !ids.includes(word))
      throw new UsageError(`cannot list '${word}'; choose from ${WHAT.join(', ')}, or requirement IDs`);
  }
  if (ids.length > 0) {
    out.write(`${requirementDetails(ids, scenarios).join('\n')}\n`);
    return 0;
  }
  const chosen = words.length === 0 ? WHAT : words;
  const lines: string[] = [];
  if (chosen.includes('sps')) {
    lines.push('SPs:');
    for (const app of APPS) {
      const scim = app.sp.scim;
      const scimText = scim
        ? `SCIM ${scim.basePath}${scim.groups ? ' (users, groups)' : ' (users)'}`
        : 'no SCIM';
      lines.push(`  ${app.id.padEnd(12)} ${app.name} — ${scimText}${app.sp.saml ? ', SAML' : ''}`);
    }
  }
  if (chosen.includes('suites')) {
    lines.push('Suites:');
    for (const [suite, scenarios] of Object.entries(suites))
      lines.push(`  ${suite.padEnd(14)} ${scenarios.length} scenarios`);
  }
  if (chosen.includes('scenarios') || chosen.includes('checks')) {
    lines.push('Checks:');
    for (const scenario of scenarios) lines.push(checkLine(scenario));
  }
  if (chosen.includes('faults')) {
    lines.push(...faultLines('Mock SP SCIM faults (--fault)', SCIM_FAULT_RECORDS));
    lines.push(...faultLines('Mock SP SAML faults (--saml-fault)', SAML_FAULT_RECORDS));
    lines.push(...faultLines('Reference IdP faults (--idp-fault)', IDP_FAULT_RECORDS));
  }
  if (chosen.includes('dialects')) lines.push(...dialectLines());
  if (chosen.includes('requirements')) {
    const coverage = requirementCoverage(scenarios, REQUIREMENTS);
    const uncovered = coverage.covered.filter((row) => row.scenarios.length === 0);
    lines.push(
      `Requirements (${coverage.covered.length - uncovered.length} of ${coverage.covered.length} covered):`,
    );
    for (const { requirement, scenarios } of coverage.covered) {
      const mark =
        scenarios.length === 0
          ? 'UNCOVERED'
          : `${scenarios.length} check${scenarios.length === 1 ? '' : 's'}`;
      lines.push(`  ${requirement.id.padEnd(16)} ${mark.padEnd(10)} ${brief(requirement.text)}`);
      for (const id of scenarios) lines.push(`      ${id}`);
    }
    lines.push("  (each row in full, with its source and checks: 'sso-harness list requirements <ID>')");
    for (const { id, scenarios } of coverage.unknown)
      lines.push(`  ${id.padEnd(16)} UNKNOWN ID cited by ${scenarios.join(', ')}`);
  }
  out.write(`${lines.join('\n')}\n`);
  return 0;
}

/** One check: id, level, title, what it cites. */
function checkLine(scenario: Scenario): string {
  const clause = scenario.clause ? ` (${scenario.clause})` : '';
  return `  ${scenario.id} [${scenario.level}${scenario.security ? ', security' : ''}] ${scenario.title} — ${scenario.requirements.join(', ')}${clause}`;
}

/** `--requirement <q>` or `--requirement=<q>` out of `args`, and the other words. */
function requirementQuery(args: readonly string[]): { query: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let query: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--requirement') {
      query = args[++i];
      if (query === undefined || query.trim() === '')
        throw new UsageError(
          "--requirement needs a requirement ID or a clause, e.g. SCIM-PATCH or 'RFC 7644 §3.5.2'",
        );
    } else if (arg.startsWith('--requirement=')) query = arg.slice('--requirement='.length);
    else rest.push(arg);
  }
  return { query, rest };
}

/** A clause or query without the words that vary in how people write it: `rfc 7644 §3.5.2` → `7644 3.5.2`. */
const normalClause = (text: string): string =>
  text
    .toLowerCase()
    .replace(/rfc|§|section/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Whether `clause` names the section `query` (or one under it): `3.4.2` matches `§3.4.2.2`, not `§3.4.20`. */
function clauseMatches(clause: string, query: string): boolean {
  const hay = normalClause(clause);
  const needle = normalClause(query);
  let at = hay.indexOf(needle);
  while (at >= 0) {
    const before = hay[at - 1];
    const after = hay[at + needle.length];
    if ((before === undefined || !/[\d.]/.test(before)) && (after === undefined || !/\d/.test(after)))
      return true;
    at = hay.indexOf(needle, at + 1);
  }
  return false;
}

/** The checks that cite a requirement ID, or judge a clause of a standard. */
function checksFor(query: string, scenarios: readonly Scenario[]): string[] {
  const id = query.trim().toUpperCase();
  const found = scenarios.filter(
    (scenario) =>
      scenario.requirements.some((cited) => cited.toUpperCase() === id) ||
      (scenario.clause !== undefined && clauseMatches(scenario.clause, query)),
  );
  if (found.length === 0)
    throw new UsageError(
      `no check cites '${query}'; give a requirement ID ('sso-harness list requirements' lists them) or a clause such as 'RFC 7644 §3.5.2'`,
    );
  return [`Checks citing ${query} (${found.length}):`, ...found.map(checkLine)];
}

/** The rows named by `ids` in full: text, level, source, what is assumed, and each check with its file. */
function requirementDetails(ids: readonly string[], scenarios: readonly Scenario[]): string[] {
  const coverage = requirementCoverage(scenarios, REQUIREMENTS).covered;
  const lines: string[] = [];
  for (const id of ids) {
    const row = coverage.find((entry) => entry.requirement.id === id);
    if (!row) {
      const near = coverage
        .map((entry) => entry.requirement.id)
        .filter((known) => known.startsWith(id.split('-')[0]!))
        .slice(0, 12);
      throw new UsageError(
        `no requirement '${id}'${near.length > 0 ? `; known IDs like it: ${near.join(', ')}` : ''}; 'sso-harness list requirements' lists them all`,
      );
    }
    const { requirement } = row;
    if (lines.length > 0) lines.push('');
    lines.push(`${requirement.id} [${requirement.level}] ${requirement.text}`);
    lines.push(`  source: ${requirement.source.document}, ${requirement.source.section}`);
    if (requirement.assumed !== undefined) lines.push(`  assumed: ${requirement.assumed}`);
    const checks = scenarios.filter((scenario) => row.scenarios.includes(scenario.id));
    lines.push(checks.length === 0 ? '  checks: none (UNCOVERED)' : `  checks (${checks.length}):`);
    for (const check of checks)
      lines.push(`    ${check.id} — ${check.title}${check.definedIn ? ` (${check.definedIn})` : ''}`);
  }
  return lines;
}

/** A row's text cut for a one-line overview (the full text is one `list requirements <ID>` away). */
function brief(text: string, width = 96): string {
  return text.length <= width ? text : `${text.slice(0, width - 1).trimEnd()}…`;
}

/** One area's faults: id, owner, the bug, what it breaks, and the checks that catch it (and where). */
function faultLines(title: string, records: readonly FaultRecord<unknown>[]): string[] {
  const lines = [`${title}: ${records.length}`];
  for (const fault of records) {
    lines.push(
      `  ${fault.id}${fault.app ? ` [${fault.app}]` : ''} — ${fault.bug} (${fault.cites.join(', ')})`,
    );
    const where = fault.on ? ` on ${fault.on.join(', ')}` : '';
    lines.push(
      fault.caughtBy.length > 0
        ? `      caught by${where}: ${fault.caughtBy.join(', ')}`
        : '      caught by unit tests of the component only (no suite check exposes it)',
    );
  }
  return lines;
}

/** Each IdP dialect: id, IdP, assumed items, one line per way its wire differs, and its sources. */
function dialectLines(): string[] {
  const lines = [`IdP dialects: ${Object.keys(DIALECTS).length}`];
  for (const profile of Object.values(DIALECTS)) {
    lines.push(`  ${profile.id.padEnd(24)} ${profile.idp} — ${profile.assumed.length} assumed items`);
    for (const difference of profile.differences) lines.push(`      ${difference}`);
    lines.push(
      `      sources: ${dialectSources(profile.id)
        .map((source) => source.url)
        .join(', ')}`,
    );
  }
  return lines;
}
