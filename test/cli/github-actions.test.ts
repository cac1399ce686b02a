/**
 * docs/ci/github-actions.yml, run here step by step: its YAML read by a small reader of the
 * subset it uses, each shard's `run` step executed with the built CLI standing in for
 * `npx sso-harness`, the artifacts carried as upload-artifact and download-artifact carry them,
 * and the merge step executed with a job summary file of its own.
 */
import { spawnSync } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { validateReport, type RunReport } from '#reports';

const ROOT = resolve(import.meta.dirname, '../..');
const WORKFLOW = join(ROOT, 'docs/ci/github-actions.yml');
const BIN = join(ROOT, 'dist/harness/cli/bin.js');

// A reader for the YAML the workflow is written in: block mappings and sequences by indentation,
// plain scalars, `[a, b]` flow sequences of plain scalars, `|` literal blocks and comments. It
// refuses anything else (quotes, anchors, flow mappings, folded blocks, tabs) rather than guess.

type Yaml = string | Yaml[] | { [key: string]: Yaml };

interface Line {
  indent: number;
  text: string;
  number: number;
}

function unsupported(line: Line, what: string): never {
  throw new Error(`github-actions.yml line ${line.number}: ${what} is outside the YAML this reader takes`);
}

/** `text` without a trailing ` # comment`. */
const uncommented = (text: string): string => text.replace(/(^|\s)#.*$/, '').trimEnd();

function scalar(text: string, line: Line): Yaml {
  if (text.startsWith('[')) {
    if (!text.endsWith(']')) unsupported(line, 'a flow sequence over several lines');
    const inner = text.slice(1, -1).trim();
    return inner === '' ? [] : inner.split(',').map((item) => scalar(item.trim(), line));
  }
  if (/^['"{&*!>%@`]/.test(text)) unsupported(line, `the scalar ${text}`);
  return text;
}

function readYaml(source: string): Yaml {
  if (source.includes('\t'))
    throw new Error('github-actions.yml: tabs are outside the YAML this reader takes');
  const lines: Line[] = source.split('\n').map((raw, i) => ({
    indent: raw.length - raw.trimStart().length,
    text: raw.trim(),
    number: i + 1,
  }));
  let at = 0;
  const skipBlank = (): void => {
    while (at < lines.length && (lines[at]!.text === '' || lines[at]!.text.startsWith('#'))) at++;
  };

  /** A `|` block: the lines indented deeper than `parent`, their common indentation removed. */
  function literal(parent: number): string {
    const body: string[] = [];
    let indent: number | undefined;
    while (at < lines.length && (lines[at]!.text === '' || lines[at]!.indent > parent)) {
      const line = lines[at++]!;
      if (line.text !== '') indent ??= line.indent;
      body.push(line.text === '' ? '' : ' '.repeat(line.indent - (indent ?? line.indent)) + line.text);
    }
    while (body.at(-1) === '') body.pop();
    return `${body.join('\n')}\n`;
  }

  /** The value after `key:` on `line`: inline, a `|` block, or the block below it. */
  function valueAfter(rest: string, line: Line): Yaml {
    if (rest === '|') return literal(line.indent);
    if (rest !== '') return scalar(rest, line);
    skipBlank();
    const next = lines[at];
    if (next === undefined || next.indent <= line.indent) {
      // A sequence may sit at its key's own indentation.
      if (next?.indent === line.indent && next.text.startsWith('- ')) return block(next.indent);
      return '';
    }
    return block(next.indent);
  }

  function mapping(indent: number, into: { [key: string]: Yaml } = {}): { [key: string]: Yaml } {
    for (skipBlank(); at < lines.length && lines[at]!.indent === indent; skipBlank()) {
      const line = lines[at]!;
      if (line.text.startsWith('- ')) break;
      const match = /^([A-Za-z0-9_.-]+):(?:\s+(.*))?$/.exec(uncommented(line.text));
      if (!match) unsupported(line, `'${line.text}'`);
      at++;
      into[match[1]!] = valueAfter(match[2] ?? '', line);
    }
    return into;
  }

  function sequence(indent: number): Yaml[] {
    const items: Yaml[] = [];
    for (
      skipBlank();
      at < lines.length && lines[at]!.indent === indent && lines[at]!.text.startsWith('- ');
      skipBlank()
    ) {
      const line = lines[at]!;
      const rest = uncommented(line.text.slice(2));
      const itemIndent = indent + 2;
      if (/^[A-Za-z0-9_.-]+:(\s|$)/.test(rest)) {
        // `- key: value` opens a mapping whose other keys sit at the item's indentation.
        lines[at] = { indent: itemIndent, text: rest, number: line.number };
        items.push(mapping(itemIndent));
      } else {
        at++;
        items.push(scalar(rest, line));
      }
    }
    return items;
  }

  function block(indent: number): Yaml {
    skipBlank();
    return lines[at]?.text.startsWith('- ') ? sequence(indent) : mapping(indent);
  }

  const document = block(0);
  skipBlank();
  if (at < lines.length) unsupported(lines[at]!, `'${lines[at]!.text}' at this indentation`);
  return document;
}

// Reading the workflow's parts.

type Mapping = { [key: string]: Yaml };

function mappingAt(value: Yaml | undefined, what: string): Mapping {
  if (value === undefined || typeof value === 'string' || Array.isArray(value))
    throw new Error(`github-actions.yml: ${what} is not a mapping`);
  return value;
}

const text = (value: Yaml | undefined, what: string): string => {
  if (typeof value !== 'string') throw new Error(`github-actions.yml: ${what} is not a scalar`);
  return value;
};

const stepsOf = (job: Mapping): Mapping[] =>
  (job.steps as Yaml[]).map((step, i) => mappingAt(step, `step ${i + 1}`));

/** `${{ matrix.x }}` and `${{ env.X }}` replaced, as Actions evaluates them; any other expression is refused. */
function evaluate(
  value: string,
  context: { matrix: Record<string, string>; env: Record<string, string> },
): string {
  return value.replace(
    /\$\{\{\s*([a-z]+)\.([A-Za-z0-9_-]+)\s*\}\}/g,
    (whole, scope: string, name: string) => {
      const found =
        scope === 'matrix' ? context.matrix[name] : scope === 'env' ? context.env[name] : undefined;
      if (found === undefined) throw new Error(`github-actions.yml: cannot evaluate ${whole} here`);
      return found;
    },
  );
}

// Running it.

let dir: string;
let workflow: Mapping;
const summary = (): string => join(dir, 'step-summary.md');

/** Runs a step's shell as Actions does (`bash -e {0}`), `npx` standing in for the package's bin. */
function runStep(
  step: Mapping,
  cwd: string,
  env: Record<string, string>,
): { status: number | null; output: string } {
  const script = join(dir, 'step.sh');
  writeFileSync(script, text(step.run, 'run'));
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
    cwd,
    env: { ...process.env, ...env, PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}` },
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const shardValues = (): string[] => {
  const matrix = mappingAt(
    mappingAt(mappingAt(mappingAt(workflow.jobs, 'jobs').conformance, 'conformance').strategy, 'strategy')
      .matrix,
    'matrix',
  );
  return (matrix.shard as Yaml[]).map((value) => text(value, 'a shard'));
};

beforeAll(async () => {
  workflow = mappingAt(readYaml(await readFile(WORKFLOW, 'utf8')), 'the workflow');
  dir = await mkdtemp(join(tmpdir(), 'sso-harness-actions-'));
  await mkdir(join(dir, 'bin'));
  // `npx sso-harness …` is the built CLI; any other npx call fails the step.
  await writeFile(
    join(dir, 'bin', 'npx'),
    `#!/bin/sh\n[ "$1" = sso-harness ] || { echo "npx $1: not in this test" >&2; exit 127; }\nshift\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`,
  );
  await chmod(join(dir, 'bin', 'npx'), 0o755);
  await writeFile(summary(), '');
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('reads the workflow: one matrix job per shard, and a merge job after them', () => {
  const env = mappingAt(workflow.env, 'env');
  const jobs = mappingAt(workflow.jobs, 'jobs');
  expect(shardValues()).toEqual(
    Array.from({ length: Number(text(env.SHARD_COUNT, 'SHARD_COUNT')) }, (_, i) => String(i + 1)),
  );
  expect(mappingAt(jobs.merge, 'merge').needs).toBe('conformance');
  const uses = Object.values(jobs).flatMap((job) =>
    stepsOf(mappingAt(job, 'a job')).map((step) => step.uses),
  );
  expect(uses).toEqual(
    expect.arrayContaining(['actions/upload-artifact@v4', 'actions/download-artifact@v4']),
  );
  // The suites run in-process: nothing to install beyond the package.
  expect(JSON.stringify(workflow)).not.toMatch(/apt-get/);
});

it('runs each shard and the merge as written: the merged reports exist and the job summary holds summary.md', async () => {
  const env = Object.fromEntries(
    Object.entries(mappingAt(workflow.env, 'env')).map(([key, value]) => [key, text(value, key)]),
  );
  const jobs = mappingAt(workflow.jobs, 'jobs');
  const artifacts = join(dir, 'artifacts');
  for (const shard of shardValues()) {
    const cwd = join(dir, `shard-${shard}`);
    await mkdir(cwd);
    const context = { matrix: { shard }, env };
    for (const step of stepsOf(mappingAt(jobs.conformance, 'conformance'))) {
      if (step.id === 'shard') {
        const stepEnv = Object.fromEntries(
          Object.entries(mappingAt(step.env, 'the step env')).map(([key, value]) => [
            key,
            evaluate(text(value, key), context),
          ]),
        );
        const run = runStep(step, cwd, { ...env, ...stepEnv });
        expect(run.status, run.output).toBe(0);
      } else if (step.uses === 'actions/upload-artifact@v4') {
        const upload = mappingAt(step.with, 'upload with');
        const name = evaluate(text(upload.name, 'name'), context);
        await cp(join(cwd, text(upload.path, 'path')), join(artifacts, name), { recursive: true });
      }
    }
  }
  const merge = join(dir, 'merge');
  await mkdir(merge);
  let kept: string | undefined;
  for (const step of stepsOf(mappingAt(jobs.merge, 'merge'))) {
    if (step.uses === 'actions/download-artifact@v4') {
      const download = mappingAt(step.with, 'download with');
      const pattern = new RegExp(`^${text(download.pattern, 'pattern').replace(/\*/g, '.*')}$`);
      for (const name of (await readdir(artifacts)).filter((each) => pattern.test(each)))
        await cp(join(artifacts, name), join(merge, text(download.path, 'path'), name), { recursive: true });
    } else if (step.id === 'merge') {
      const run = runStep(step, merge, { ...env, GITHUB_STEP_SUMMARY: summary() });
      // The run's exit code: these suites pass on the mock SPs.
      expect(run.status, run.output).toBe(0);
    } else if (step.uses === 'actions/upload-artifact@v4') {
      kept = join(merge, text(mappingAt(step.with, 'upload with').path, 'path'));
    }
  }
  expect(kept).toBeDefined();
  expect(existsSync(join(kept!, 'report.html'))).toBe(true);
  const merged = JSON.parse(await readFile(join(kept!, 'report.json'), 'utf8')) as RunReport;
  expect(validateReport(merged)).toEqual([]);
  const shards = await Promise.all(
    shardValues().map(
      async (shard) =>
        JSON.parse(
          await readFile(join(artifacts, `sso-harness-shard-${shard}`, 'report.json'), 'utf8'),
        ) as RunReport,
    ),
  );
  expect(merged.summary.total).toBe(shards.reduce((sum, shard) => sum + shard.results.length, 0));
  expect(shards.every((shard) => shard.results.length > 0)).toBe(true);
  expect(await readFile(summary(), 'utf8')).toBe(await readFile(join(kept!, 'summary.md'), 'utf8'));
});

it('refuses YAML outside the subset it reads, naming the line', () => {
  expect(() => readYaml('a: &anchor 1\n')).toThrow(
    /line 1: the scalar &anchor 1 is outside the YAML this reader takes/,
  );
  expect(() => readYaml("a: 'quoted'\n")).toThrow(/line 1: the scalar 'quoted'/);
  expect(readYaml('a:\n  - b: 1\n    c: [x, y]\n  - d\nrun: |\n  one\n    two\n')).toEqual({
    a: [{ b: '1', c: ['x', 'y'] }, 'd'],
    run: 'one\n  two\n',
  });
});
