/**
 * `sso-harness load`: SCIM traffic against a server someone else wrote (autocannon), its
 * throughput and latency per workload, and whether it stays correct under concurrency (a
 * duplicate-create race, a lost-member race). The token is sent, never printed or written.
 * @see docs/decisions/0030-load-mode.md
 */
import { writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ARTILLERY_TOKEN_VARIABLE,
  LoadError,
  WORKLOADS,
  artilleryYaml,
  isWorkload,
  loadExitCode,
  loadMarkdown,
  loadReportJson,
  runLoad,
  statusCell,
  type LoadReport,
  type Workload,
} from '#harness/load';
import { maskText } from '#harness/evidence';
import { DEFAULT_OUT_DIR, ensureFolder, fileErrorInWords } from '#reports';
import type { CliIo } from './io.js';
import { commaList, pick, seconds } from './option-values.js';
import { useColour } from './progress.js';
import { UsageError } from './usage.js';

/** `load`'s usage, as usage.ts lists each command's options. */
export const LOAD_USAGE = `load options (sso-harness load --scim-url <url> --token <token> [options]):
  --scim-url <url>    the SCIM base URL of the server under load (the one /Users hangs off)
  --token <token>     its bearer token (default: the ${ARTILLERY_TOKEN_VARIABLE} environment variable);
                      never printed or written to a report
  --duration <s>      how long each workload runs (default 10)
  --connections <n>   concurrent connections of each workload (default 10)
  --workloads <list>  ${WORKLOADS.join(',')} (default: all, run one after another):
                      create POSTs users with new userNames, lookup filters on userName,
                      patch replaces displayName, list pages through /Users
  --race-size <n>     creates of one userName sent at once in the duplicate-create race (default 50)
  --race-rounds <n>   how many times the race runs, each with a new userName (default 3)
  --timeout <s>       how long one request may take (default 10)
  --prefix <text>     what every userName and group the load creates starts with
                      (default sso-harness-load-); all of it is removed at the end
  --out <dir>         where load-report.json and load-report.md go (default: ${DEFAULT_OUT_DIR})
  --export-artillery <file>  write the same traffic as an Artillery script (YAML; the token
                      read from $${ARTILLERY_TOKEN_VARIABLE} when it runs) and send nothing
After the load, two races check correctness: --race-size concurrent creates of one userName must
give one 201 and 409 uniqueness for the rest, and concurrent PATCH adds of different members to one
group must all stay (not applicable when the server has no /Groups). Load exit codes: 0 no
correctness problem, 1 a duplicate user or a lost member, 2 usage error or unreachable server.`;

const OPTIONS = {
  'scim-url': { type: 'string' },
  token: { type: 'string' },
  duration: { type: 'string' },
  connections: { type: 'string' },
  workloads: { type: 'string' },
  'race-size': { type: 'string' },
  'race-rounds': { type: 'string' },
  timeout: { type: 'string' },
  prefix: { type: 'string' },
  out: { type: 'string' },
  'export-artillery': { type: 'string' },
} as const;

/** A whole number from `min` to `max` from a flag; undefined when the flag is absent. */
function whole(text: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max)
    throw new UsageError(`${flag} takes a whole number from ${min} to ${max} (found '${text}')`);
  return value;
}

/** `--scim-url`: required, an http(s) URL. */
function scimUrl(value: string | undefined): string {
  if (value === undefined)
    throw new UsageError(
      'load needs --scim-url <SCIM base URL>, e.g. sso-harness load --scim-url https://scim.example.com/scim/v2 --token "$TOKEN"',
    );
  if (!/^https?:\/\/[^\s/]+/.test(value))
    throw new UsageError(
      `--scim-url must be an http(s) URL such as https://scim.example.com/scim/v2 (found '${value}')`,
    );
  return value;
}

/** Writes `text` to `path`, or a usage error naming the file and why. */
async function writeOut(path: string, text: string, flag: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (error) {
    throw new UsageError(`cannot write ${path} (${fileErrorInWords(error)}); check ${flag}`);
  }
}

const pad = (text: string | number, width: number): string => String(text).padEnd(width);

/** The report in a few lines for the terminal. */
function summary(report: LoadReport, paint: (ok: boolean, text: string) => string): string {
  const lines = [
    '',
    `${pad('workload', 9)} ${pad('requests', 9)} ${pad('req/s', 9)} ${pad('p50 ms', 8)} ${pad('p95 ms', 8)} ${pad('p99 ms', 8)} ${pad('non-2xx', 8)} ${pad('errors', 7)} statuses`,
  ];
  for (const w of report.workloads)
    lines.push(
      `${pad(w.workload, 9)} ${pad(w.requests, 9)} ${pad(w.requestsPerSecond, 9)} ${pad(w.latencyMs?.p50 ?? '–', 8)} ${pad(w.latencyMs?.p95 ?? '–', 8)} ${pad(w.latencyMs?.p99 ?? '–', 8)} ${pad(w.non2xx, 8)} ${pad(w.errors, 7)} ${statusCell(w.statuses)}`,
    );
  lines.push('');
  for (const probe of report.probes) {
    const mark =
      probe.verdict === 'failed'
        ? paint(false, 'FAIL')
        : probe.verdict === 'passed'
          ? paint(true, 'PASS')
          : 'N/A ';
    lines.push(`${mark} ${probe.id} [${probe.requirement}]: ${probe.summary}`);
    for (const finding of probe.findings) lines.push(`     ${finding}`);
    for (const notice of probe.notices) lines.push(`     note: ${notice}`);
  }
  const { cleanup } = report;
  lines.push(
    cleanup.notRemoved.length === 0
      ? `cleanup: removed ${cleanup.removed} resources the load created`
      : `cleanup: removed ${cleanup.removed}; could not remove ${cleanup.notRemoved.length} (listed in the report): ${cleanup.notRemoved
          .slice(0, 3)
          .map((left) => `/${left.collection}/${left.id} (${left.reason})`)
          .join(', ')}${cleanup.notRemoved.length > 3 ? '…' : ''}`,
  );
  return `${lines.join('\n')}\n`;
}

/** Runs `load`; resolves to its exit code (usage errors are thrown as UsageError, exit 2). */
export async function loadCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: false });
  const url = scimUrl(values['scim-url']);
  const workloads: Workload[] = pick(commaList(values.workloads), WORKLOADS, 'workloads', isWorkload) ?? [
    ...WORKLOADS,
  ];
  const durationSeconds = (seconds(values.duration, '--duration') ?? 10_000) / 1000;
  const connections = whole(values.connections, '--connections', 1, 1000) ?? 10;
  const prefix = values.prefix ?? 'sso-harness-load-';
  if (!/^[A-Za-z0-9._-]{1,40}$/.test(prefix))
    throw new UsageError(`--prefix takes up to 40 letters, digits, '.', '_' or '-' (found '${prefix}')`);

  const artillery = values['export-artillery'];
  if (artillery !== undefined) {
    const path = resolve(io.cwd, artillery);
    await writeOut(
      path,
      artilleryYaml({ scimUrl: url, durationSeconds, arrivalRate: connections, workloads, prefix }),
      '--export-artillery',
    );
    io.stdout.write(
      `wrote ${relative(io.cwd, path) || path}: run it with ${ARTILLERY_TOKEN_VARIABLE}=<token> npx artillery run ${artillery}\n`,
    );
    return 0;
  }

  const env = io.env ?? process.env;
  const token = values.token ?? env[ARTILLERY_TOKEN_VARIABLE];
  if (token === undefined || token === '')
    throw new UsageError(
      `load needs --token <bearer token> for ${url} (or the ${ARTILLERY_TOKEN_VARIABLE} environment variable)`,
    );
  const outDir = resolve(io.cwd, values.out ?? DEFAULT_OUT_DIR);
  try {
    await ensureFolder(outDir);
  } catch (error) {
    throw new UsageError(`cannot make the report folder ${outDir} (${fileErrorInWords(error)}); check --out`);
  }
  const colour = useColour(io.stdout, env);
  const paint = (ok: boolean, text: string): string =>
    colour ? `\x1b[${ok ? '32' : '31'}m${text}\x1b[0m` : text;

  let report: LoadReport;
  try {
    report = await runLoad({
      scimUrl: url,
      token,
      durationSeconds,
      connections,
      workloads,
      prefix,
      onProgress: (line) => io.stdout.write(`load: ${line}\n`),
      ...optional('raceSize', whole(values['race-size'], '--race-size', 2, 500)),
      ...optional('raceRounds', whole(values['race-rounds'], '--race-rounds', 1, 20)),
      ...optional('timeoutMs', seconds(values.timeout, '--timeout')),
    });
  } catch (error) {
    if (error instanceof LoadError) {
      io.stderr.write(`sso-harness: ${maskText(error.message, [token])}\n`);
      return 2;
    }
    throw error;
  }
  const secrets = [token];
  const files = [join(outDir, 'load-report.json'), join(outDir, 'load-report.md')] as const;
  await writeOut(files[0], loadReportJson(report, secrets), '--out');
  await writeOut(files[1], loadMarkdown(report, secrets), '--out');
  const code = loadExitCode(report);
  io.stdout.write(maskText(summary(report, paint), secrets));
  const verdict =
    code === 1
      ? paint(false, 'correctness problems found')
      : code === 0
        ? paint(true, 'no correctness problem found')
        : 'stopped';
  io.stdout.write(`sso-harness load: ${verdict}; exit ${code}\n`);
  for (const file of files) io.stdout.write(`wrote ${relative(io.cwd, file) || file}\n`);
  if (report.stalled !== undefined)
    io.stderr.write(`sso-harness: the SCIM server stopped answering: ${maskText(report.stalled, secrets)}\n`);
  return code;
}

/** `{ [key]: value }`, or nothing when the value is undefined. */
const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  value === undefined ? {} : ({ [key]: value } as Record<K, V>);
