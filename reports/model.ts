/**
 * The run model: one serialisable description of a conformance run that every
 * report writer reads. report.json is this object, validated against
 * `report.schema.json` (schemaVersion below).
 */

import type { Evidence } from '#harness/evidence';
import type { Level } from '#harness/requirements';

export type { Evidence, HttpExchange } from '#harness/evidence';
export type { Level } from '#harness/requirements';

export const REPORT_SCHEMA_VERSION = '1.4.0';

/** The outcome of one check on one SP. */
export type Status = 'passed' | 'failed' | 'skipped' | 'not-applicable';

/** How much a failure matters; the exit code follows `error` and `critical`. */
export type Severity = 'critical' | 'error' | 'warning' | 'note';

/** One check's verdict on one SP. */
export interface CheckResult {
  /** Scenario id, e.g. `scim-protocol/create-returns-201`. */
  scenario: string;
  /** Suite the scenario belongs to. */
  suite: string;
  title: string;
  /** The SP the check ran against (a mock SP id, or `external`). */
  sp: string;
  /** The IdP dialect the reference IdP spoke (`entra`, `okta`…), on checks run per dialect. */
  dialect?: string;
  status: Status;
  /** The level actually applied (a soft check is reported at MAY). */
  level: Level;
  /** Present on failures: derived from level and `security`. */
  severity?: Severity;
  /** Requirement IDs (IDP-*, INT-*, SCIM-*, SAML-*…) this check verifies; their text is in RunReport.requirements. */
  requirements: string[];
  /** The clause of the standard the check judges, e.g. `RFC 7644 §3.4.2.2`. */
  clause?: string;
  /** On a not-applicable check: the check that judges the precondition that failed (one cause, one failure). */
  blockedBy?: string;
  /** On a failure graded below its level: what it costs the customer. */
  consequence?: string;
  /** What was checked and what was found; on a failure, what to fix. */
  message: string;
  /** Why a check was softened, skipped or not applicable. */
  reason?: string;
  /** True for security checks, whose failures are critical. */
  security?: boolean;
  /** Exchanges and notes that back the verdict; always present on failures. */
  evidence: Evidence[];
  durationMs: number;
}

/** A target the run exercised. */
export interface TargetInfo {
  sp: string;
  /** The IdP dialect the reference IdP spoke to it, when the run replays one. */
  dialect?: string;
  kind: 'mock' | 'external';
  /** Base URL of its SCIM service, when it has one. */
  scimBaseUrl?: string;
  /** How the harness reached it. */
  transport: 'in-process' | 'http';
}

export interface RunSummary {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  notApplicable: number;
  /** Failures by severity. */
  critical: number;
  errors: number;
  warnings: number;
  notes: number;
  /**
   * The exit code the CLI returns for this run: 1 when an error or critical failed (a warning too
   * when strict), 3 when nothing was tested (every check not applicable), else 0.
   */
  exitCode: 0 | 1 | 3;
}

export interface RunReport {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: 'sso-harness'; version: string };
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** Options the run was started with, as resolved. */
  options: { suites: string[]; sps: string[]; strict: boolean; seed: number };
  targets: TargetInfo[];
  results: CheckResult[];
  summary: RunSummary;
  /** The text, level and source of every requirement the results cite, by ID (absent in 1.0.0 reports). */
  requirements?: Record<string, RequirementNote>;
}

/** A cited requirement as reports show it beside its ID. */
export interface RequirementNote {
  level: Level;
  text: string;
  /** The document and section it comes from. */
  source: string;
  /** What is assumed where the source is silent. */
  assumed?: string;
}

/** The severity of a failure at `level`. @see docs/conformance.md "Verdicts" */
export function severityOf(level: Level, security: boolean): Severity {
  if (security) return 'critical';
  switch (level) {
    case 'MUST':
    case 'DOC':
      return 'error';
    case 'SHOULD':
      return 'warning';
    case 'MAY':
      return 'note';
  }
}

/** The exit code of a run that tested nothing: every check was not applicable to its target. */
export const NOTHING_TESTED = 3;

/** Counts results and derives the exit code: errors and criticals fail, warnings too when strict. */
export function summarize(results: readonly CheckResult[], strict: boolean): RunSummary {
  const summary: RunSummary = {
    total: results.length,
    passed: 0,
    failed: 0,
    skipped: 0,
    notApplicable: 0,
    critical: 0,
    errors: 0,
    warnings: 0,
    notes: 0,
    exitCode: 0,
  };
  for (const result of results) {
    if (result.status === 'passed') summary.passed++;
    else if (result.status === 'skipped') summary.skipped++;
    else if (result.status === 'not-applicable') summary.notApplicable++;
    else {
      summary.failed++;
      const severity = result.severity ?? severityOf(result.level, result.security === true);
      if (severity === 'critical') summary.critical++;
      else if (severity === 'error') summary.errors++;
      else if (severity === 'warning') summary.warnings++;
      else summary.notes++;
    }
  }
  const failing = summary.critical + summary.errors + (strict ? summary.warnings : 0);
  summary.exitCode = failing > 0 ? 1 : summary.passed + summary.failed === 0 ? NOTHING_TESTED : 0;
  return summary;
}
