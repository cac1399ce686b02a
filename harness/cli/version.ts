import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The package version, read from the nearest sso-harness package.json above this file. */
export function toolVersion(): string {
  if (cached !== undefined) return cached;
  let dir = new URL('.', import.meta.url);
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'sso-harness' && pkg.version) return (cached = pkg.version);
    } catch {
      // No package.json at this level; keep walking up.
    }
    dir = new URL('..', dir);
  }
  return (cached = '0.0.0');
}
