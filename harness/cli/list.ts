/**
 * `sso-harness list`: what the harness can run, and which checks cover each
 * requirement ID (an uncovered ID is flagged).
 */
import { SCIM_FAULTS, SP_IDS, mockSps } from '#mock-sps';
import { allScenarios, requirementCoverage, suites } from '#scenarios';
import { IDP_FAULTS, type Scenario } from '#harness';
import { UsageError } from './usage.js';

const WHAT = ['sps', 'suites', 'scenarios', 'requirements', 'faults'] as const;

/** Lists what `args` name; `scenarios` are the checks requirement coverage counts (all of them but in tests). */
export function listCommand(
  args: readonly string[],
  out: NodeJS.WritableStream,
  scenarios: readonly Scenario[] = allScenarios,
): number {
  const words = args.map((arg) => (arg === '--requirements' ? 'requirements' : arg));
  for (const word of words) {
    if (!(WHAT as readonly string[]).includes(word))
      throw new UsageError(`cannot list '${word}'; choose from ${WHAT.join(', ')}`);
  }
  const chosen = words.length === 0 ? WHAT : words;
  const lines: string[] = [];
  if (chosen.includes('sps')) {
    lines.push('SPs:');
    for (const id of SP_IDS) {
      const profile = mockSps[id];
      const scim =
        'scim' in profile
          ? `SCIM ${profile.scim.basePath}${profile.scim.groups ? ' (users, groups)' : ' (users)'}`
          : 'no SCIM';
      lines.push(`  ${id.padEnd(12)} ${profile.name} — ${scim}`);
    }
  }
  if (chosen.includes('suites')) {
    lines.push('Suites:');
    for (const [suite, scenarios] of Object.entries(suites))
      lines.push(`  ${suite.padEnd(14)} ${scenarios.length} scenarios`);
  }
  if (chosen.includes('scenarios')) {
    lines.push('Scenarios:');
    for (const scenario of scenarios) {
      lines.push(
        `  ${scenario.id} [${scenario.level}${scenario.security ? ', security' : ''}] ${scenario.title} — ${scenario.requirements.join(', ')}`,
      );
    }
  }
  if (chosen.includes('faults')) {
    lines.push('Mock SP fault switches (--fault):');
    for (const [name, text] of Object.entries(SCIM_FAULTS)) lines.push(`  ${name.padEnd(36)} ${text}`);
    lines.push('Reference IdP fault switches (--idp-fault):');
    for (const [name, text] of Object.entries(IDP_FAULTS)) lines.push(`  ${name.padEnd(36)} ${text}`);
  }
  if (chosen.includes('requirements')) {
    const coverage = requirementCoverage(scenarios);
    const uncovered = coverage.covered.filter((row) => row.scenarios.length === 0);
    lines.push(
      `Requirements (${coverage.covered.length - uncovered.length} of ${coverage.covered.length} covered):`,
    );
    for (const { requirement, scenarios } of coverage.covered) {
      const mark =
        scenarios.length === 0
          ? 'UNCOVERED'
          : `${scenarios.length} check${scenarios.length === 1 ? '' : 's'}`;
      lines.push(`  ${requirement.id.padEnd(16)} ${mark.padEnd(10)} ${requirement.text}`);
      for (const id of scenarios) lines.push(`      ${id}`);
    }
    for (const { id, scenarios } of coverage.unknown)
      lines.push(`  ${id.padEnd(16)} UNKNOWN ID cited by ${scenarios.join(', ')}`);
  }
  out.write(`${lines.join('\n')}\n`);
  return 0;
}
