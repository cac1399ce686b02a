/**
 * The README's SCIM findings tables, read as the expected result of the peers' runs, so the
 * README is the one statement of what each peer gets wrong and the test holds it to the run.
 * Two tables under "### SCIM": the protocol suite's (server | check | level | finding), where
 * a server's later rows leave the server cell empty and `filter-string-ne, -co` names
 * `filter-string-co` too; and the lifecycle's (server | dialects | checks | level | …), whose
 * checks are keyed per dialect as `suite/check [dialect]`, the way the run's results are.
 */
import { readFileSync } from 'node:fs';
import { DIALECTS } from '#harness/idp';

export type Severity = 'error' | 'warning' | 'note';

export interface ReadmeFinding {
  /** The server cell of the row (carried down), e.g. "SCIMMY 1.3.5 + scimmy-routers 1.3.2". */
  server: string;
  /** The result key: `scim-protocol/<check>`, or `<suite>/<check> [<dialect>]`. */
  key: string;
  severity: Severity;
  /** The row's finding text. */
  text: string;
}

const SEVERITIES: readonly string[] = ['error', 'warning', 'note'];

/** The rows of the markdown table starting at `lines[start]` (the header), as trimmed cells. */
function tableRows(lines: readonly string[], start: number): string[][] {
  const rows: string[][] = [];
  for (let i = start + 2; i < lines.length && lines[i]!.startsWith('|'); i++)
    rows.push(
      lines[i]!.slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
  return rows;
}

/** `filter-string-ne, -co` → filter-string-ne, filter-string-co. */
function expandChecks(cell: string): string[] {
  const names = cell.split(',').map((name) => name.trim().replace(/`/g, ''));
  const stem = names[0]!.slice(0, names[0]!.lastIndexOf('-'));
  return names.map((name) => (name.startsWith('-') ? `${stem}${name}` : name));
}

/** Every finding both tables state; rows with no level ("works") state none. */
export function readmeFindings(
  readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8'),
): ReadmeFinding[] {
  const section = readme.slice(readme.indexOf('\n### SCIM\n'), readme.indexOf('\n### SAML\n'));
  const lines = section.split('\n');
  const findings: ReadmeFinding[] = [];
  lines.forEach((line, index) => {
    const header = line.startsWith('|') && !lines[index - 1]!.startsWith('|') ? line : undefined;
    if (header === undefined) return;
    const lifecycle = /\|\s*dialects\s*\|/.test(header);
    let server = '';
    for (const cells of tableRows(lines, index)) {
      server = cells[0] || server;
      const [checks, level, text] = lifecycle
        ? [cells[2]!, cells[3]!, cells[4]!]
        : [cells[1]!, cells[2]!, cells[3]!];
      if (level === '') continue;
      if (!SEVERITIES.includes(level))
        throw new Error(`README findings: unknown level '${level}' in row ${cells.join(' | ')}`);
      const severity = level as Severity;
      if (!lifecycle) {
        for (const check of expandChecks(checks))
          findings.push({ server, key: `scim-protocol/${check}`, severity, text });
        continue;
      }
      const dialects = cells[1] === 'all' ? Object.keys(DIALECTS) : cells[1]!.split(',').map((d) => d.trim());
      for (const check of expandChecks(checks))
        for (const dialect of dialects)
          findings.push({ server, key: `${check} [${dialect}]`, severity, text });
    }
  });
  return findings;
}

/** The findings the README states for the server whose cell starts with `server`, as the run's `key → severity` map. */
export function expectedFailures(server: string): Record<string, Severity> {
  return Object.fromEntries(
    readmeFindings()
      .filter((finding) => finding.server.startsWith(server))
      .map((finding) => [finding.key, finding.severity]),
  );
}
