/**
 * What an installed package can load: every module a public entry reaches at run time
 * imports only Node built-ins, the package's dependencies and (for its own entry) an
 * optional peer. A devDependency imported there works in this repository and crashes
 * in a user's project (`ERR_MODULE_NOT_FOUND`), so it is caught here, before `npm pack`.
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

interface PackageJson {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  imports?: Record<string, string>;
  exports?: Record<string, string>;
}
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;

/** Where a `#…` specifier points (package.json "imports", `*` patterns included). */
function importTarget(specifier: string): string | undefined {
  for (const [pattern, target] of Object.entries(pkg.imports ?? {})) {
    if (pattern === specifier) return target;
    const [head, tail] = pattern.split('*');
    if (tail !== undefined && specifier.startsWith(head!) && specifier.endsWith(tail))
      return target.replace('*', specifier.slice(head!.length, specifier.length - tail.length));
  }
  return undefined;
}

/** `./dist/x/index.js` → the TypeScript source `x/index.ts`. */
function sourceOf(distPath: string): string {
  return join(ROOT, distPath.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts'));
}

/** The specifiers a module imports at run time (type-only imports and exports erased). */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
      const named = node.importClause?.namedBindings;
      const allTypes =
        node.importClause !== undefined &&
        node.importClause.name === undefined &&
        named !== undefined &&
        ts.isNamedImports(named) &&
        named.elements.length > 0 &&
        named.elements.every((element) => element.isTypeOnly);
      if (!allTypes) found.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier) {
      const named = node.exportClause;
      const allTypes =
        named !== undefined &&
        ts.isNamedExports(named) &&
        named.elements.length > 0 &&
        named.elements.every((element) => element.isTypeOnly);
      if (!allTypes) found.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] !== undefined &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The package's own modules reachable from `entry` at run time, and each package they import with its first importer. */
function walk(entry: string): { modules: Set<string>; packages: Map<string, string> } {
  const packages = new Map<string, string>();
  const modules = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (modules.has(file)) continue;
    modules.add(file);
    for (const specifier of runtimeImports(file)) {
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier);
        if (!target.endsWith('.json')) queue.push(target.replace(/\.js$/, '.ts'));
      } else if (specifier.startsWith('#')) {
        const mapped = importTarget(specifier);
        if (mapped === undefined)
          throw new Error(`${relative(ROOT, file)}: unknown import alias ${specifier}`);
        queue.push(sourceOf(mapped));
      } else {
        const name = specifier.startsWith('@')
          ? specifier.split('/').slice(0, 2).join('/')
          : specifier.split('/')[0]!;
        if (!packages.has(name)) packages.set(name, relative(ROOT, file));
      }
    }
  }
  return { modules, packages };
}

/** Every package (bare specifier) the modules reachable from `entry` import at run time, with who imports it. */
const packagesReachedFrom = (entry: string): Map<string, string> => walk(entry).packages;

/** The package's own modules reachable from `entry`. */
const modulesReachedFrom = (entry: string): Set<string> => walk(entry).modules;

const builtins = new Set(builtinModules);
const isBuiltin = (name: string): boolean => name.startsWith('node:') || builtins.has(name);

it.each(Object.entries(pkg.exports ?? {}))(
  'the %s entry imports only built-ins, dependencies and optional peers',
  (subpath, distPath) => {
    const allowed = new Set([
      ...Object.keys(pkg.dependencies ?? {}),
      // An entry of its own may need an optional peer (sso-harness/msw needs msw); the main entry may not.
      ...(subpath === '.' ? [] : Object.keys(pkg.peerDependencies ?? {})),
    ]);
    const offending = [...packagesReachedFrom(sourceOf(distPath))]
      .filter(([name]) => !isBuiltin(name) && !allowed.has(name))
      .map(([name, importer]) => `${name} (imported by ${importer})`);
    expect(offending).toEqual([]);
  },
);

it('keeps msw out of the main entry and in its own', () => {
  expect(packagesReachedFrom(sourceOf(pkg.exports!['.']!)).has('msw')).toBe(false);
  expect(packagesReachedFrom(sourceOf(pkg.exports!['./msw']!)).has('msw')).toBe(true);
});

/** Files the build compiles into dist/ (tsconfig.build.json). */
function builtFiles(): string[] {
  const path = join(ROOT, 'tsconfig.build.json');
  const config = ts.readConfigFile(path, (file) => ts.sys.readFile(file));
  return ts
    .parseJsonConfigFileContent(config.config, ts.sys, ROOT)
    .fileNames.map((file) => relative(ROOT, file));
}

const TEST_HELPER = /(^|\/)(test-[^/]*|[^/]*\.test)\.ts$|(^|\/)test\//;

it('keeps test helpers out of dist/ and out of every entry', () => {
  expect(builtFiles().filter((file) => TEST_HELPER.test(file))).toEqual([]);
  const reached = Object.values(pkg.exports ?? {}).flatMap((distPath) => [
    ...modulesReachedFrom(sourceOf(distPath)),
  ]);
  expect(reached.filter((file) => TEST_HELPER.test(relative(ROOT, file)))).toEqual([]);
});
