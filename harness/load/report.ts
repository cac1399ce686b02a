/**
 * The load report: one serialisable model, written as JSON and as Markdown, with every secret the
 * run knew masked wherever a server may have echoed it.
 * @see docs/decisions/0030-load-mode.md
 */
import { maskText, maskUrl } from '#harness/evidence';
import type { CleanupResult } from './cleanup.js';
import type { ResolvedLoadOptions, Workload } from './options.js';
import type { ProbeResult } from './probe.js';
import type { WorkloadResult } from './traffic.js';

/** What one load run measured and found. */
export interface LoadReport {
  tool: 'sso-harness load';
  /** The SCIM base URL, its query and credentials masked. */
  target: string;
  startedAt: string;
  finishedAt: string;
  settings: {
    durationSeconds: number;
    connections: number;
    workloads: readonly Workload[];
    raceSize: number;
    raceRounds: number;
    members: number;
    timeoutMs: number;
  };
  workloads: WorkloadResult[];
  probes: ProbeResult[];
  cleanup: CleanupResult & { created: number };
  /** `failed` when a probe found a correctness problem (a duplicate user, a lost member). */
  verdict: 'passed' | 'failed';
  /** Why the run stopped short: the server stopped answering. */
  stalled?: string;
}

/** The settings as the report shows them (never the token). */
export function reportSettings(options: ResolvedLoadOptions): LoadReport['settings'] {
  const { durationSeconds, connections, workloads, raceSize, raceRounds, members, timeoutMs } = options;
  return { durationSeconds, connections, workloads, raceSize, raceRounds, members, timeoutMs };
}

/** The URL as a report shows it: query values and user info masked. */
export function reportTarget(url: string): string {
  const masked = maskUrl(url);
  return masked.replace(/^(https?:\/\/)[^/@]*@/i, '$1***@');
}

/** 0: no correctness problem; 1: one was found; 2: the server stopped answering. */
export function loadExitCode(report: LoadReport): 0 | 1 | 2 {
  if (report.verdict === 'failed') return 1;
  return report.stalled === undefined ? 0 : 2;
}

/** The report as JSON, secrets masked. */
export function loadReportJson(report: LoadReport, secrets: readonly string[]): string {
  return maskText(`${JSON.stringify(report, null, 2)}\n`, secrets);
}

const cell = (value: number | undefined): string => (value === undefined ? '–' : String(value));

/** Statuses in a cell: `201 ×812, 409 ×3`. */
export const statusCell = (statuses: Record<string, number>): string =>
  Object.entries(statuses)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, count]) => `${status} ×${count}`)
    .join(', ') || '–';

const VERDICT_MARK: Record<ProbeResult['verdict'], string> = {
  passed: 'passed',
  failed: '**FAILED**',
  inconclusive: 'inconclusive',
  'not-applicable': 'not applicable',
};

/** The report as Markdown for a person (a job summary, a ticket), secrets masked. */
export function loadMarkdown(report: LoadReport, secrets: readonly string[]): string {
  const s = report.settings;
  const lines = [
    `# SCIM load report: ${report.verdict === 'failed' ? 'correctness problems found' : 'no correctness problem found'}`,
    '',
    `Target \`${report.target}\`, ${report.startedAt} to ${report.finishedAt}. Each workload ran ${s.durationSeconds} s on ${s.connections} connections.`,
    ...(report.stalled ? ['', `**The server stopped answering:** ${report.stalled}`] : []),
    '',
    '## Throughput',
    '',
    '| workload | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | non-2xx | errors | statuses |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...report.workloads.map((w) =>
      [
        w.workload,
        w.requests,
        w.requestsPerSecond,
        cell(w.latencyMs?.p50),
        cell(w.latencyMs?.p95),
        cell(w.latencyMs?.p99),
        cell(w.latencyMs?.max),
        w.non2xx,
        w.errors,
        statusCell(w.statuses),
      ]
        .join(' | ')
        .replace(/^/, '| ')
        .replace(/$/, ' |'),
    ),
    ...(report.workloads.length === 0 ? ['| (none) | | | | | | | | | |'] : []),
    '',
    '## Correctness under load',
    '',
  ];
  for (const probe of report.probes) {
    lines.push(
      `### ${probe.title} (${probe.requirement}): ${VERDICT_MARK[probe.verdict]}`,
      '',
      probe.summary,
      '',
    );
    for (const finding of probe.findings) lines.push(`- ${finding}`);
    for (const notice of probe.notices) lines.push(`- note: ${notice}`);
    if (probe.findings.length + probe.notices.length > 0) lines.push('');
  }
  const c = report.cleanup;
  lines.push(
    '## Cleanup',
    '',
    `Removed ${c.removed} resources: those the load created with a known id (${c.created}), and the users under its userName prefix a sweep found.`,
  );
  if (c.notRemoved.length > 0) {
    lines.push('', `Could not remove ${c.notRemoved.length}; delete them by hand:`, '');
    for (const left of c.notRemoved.slice(0, 50))
      lines.push(`- /${left.collection}/${left.id}: ${left.reason}`);
    if (c.notRemoved.length > 50)
      lines.push(`- … and ${c.notRemoved.length - 50} more (report.json lists them all)`);
  }
  if (c.sweepSkipped)
    lines.push('', `The sweep for users the load was not told of did not run: ${c.sweepSkipped}.`);
  return maskText(`${lines.join('\n')}\n`, secrets);
}
