/**
 * Every document the code and docs cite is in the repository: no reference to a specification
 * or guide kept elsewhere, and every `docs/…` path named exists.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const files = execFileSync('git', ['ls-files', '*.ts', '*.md', '*.json', '*.cjs'], {
  cwd: ROOT,
  encoding: 'utf8',
})
  .split('\n')
  .filter((file) => file !== '' && file !== 'package-lock.json' && existsSync(join(ROOT, file)));

/** A citation of a document outside the repository. */
const OUTSIDE = /shared\/seeds|\.\.\/shared\/|\bSPEC\.md\b|\bSPEC "/;

it('cites no document outside the repository', () => {
  const outside = files.flatMap((file) =>
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .flatMap((line, index) =>
        OUTSIDE.test(line) && file !== 'test/lint/references.test.ts' ? [`${file}:${index + 1}`] : [],
      ),
  );
  expect(outside).toEqual([]);
});

it('names only docs/ files that exist', () => {
  const missing = files.flatMap((file) =>
    [...readFileSync(join(ROOT, file), 'utf8').matchAll(/\bdocs\/[\w./-]+\.md\b/g)]
      .map((match) => match[0])
      .filter((path) => !existsSync(join(ROOT, path)))
      .map((path) => `${file}: ${path}`),
  );
  expect(missing).toEqual([]);
});
