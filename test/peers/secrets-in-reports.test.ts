/**
 * No report of a run carries a secret the run used: every file each reporter writes is searched
 * for each one. Against a SAML SP someone else wrote (node-saml): the session cookies it issued
 * to the victim and attacker accounts, and the IdP's private key. Against every mock SP: the
 * SCIM bearer token of every check's instance.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenarios } from '#harness/runner';
import { writeReports } from '#reports';
import { REQUIREMENTS, SP_IDS, allScenarios, mockTarget } from '#registry';
import { main } from '../../harness/cli/main.js';
import { runArgs, start, withConfiguredSp } from './node-saml-target-support.js';

/** Every file in `dir`, as text. */
async function reportTexts(dir: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const name of await readdir(dir)) texts.set(name, await readFile(join(dir, name), 'utf8'));
  return texts;
}

/** The `[file, secret]` pairs where a report carries a secret. */
function leaks(texts: Map<string, string>, secrets: Iterable<string>): string[] {
  const found: string[] = [];
  for (const secret of secrets)
    for (const [name, text] of texts) if (text.includes(secret)) found.push(`${name}: ${secret}`);
  return found;
}

describe('secrets in reports', () => {
  it.skipIf(start === undefined)(
    "target mode: no report carries the SP's session cookies or the IdP's private key",
    async () => {
      await withConfiguredSp({}, async (sp, io, dir) => {
        await main(runArgs(sp), io);
        const issued = sp.sessionIds();
        // The attacks sign in as victim and attacker: cookies were issued, and are the secrets to look for.
        expect(issued.length).toBeGreaterThan(2);
        const keys = JSON.parse(await readFile(join(dir, 'keys.json'), 'utf8')) as { privateKeyPem: string };
        const keyBody = keys.privateKeyPem
          .split('\n')
          .filter((line) => line !== '' && !line.startsWith('-----'))
          .join('');
        const texts = await reportTexts(join(dir, 'report'));
        expect([...texts.keys()].sort()).toEqual(['junit.xml', 'report.html', 'report.json', 'summary.md']);
        // A cookie's name stays readable; its value does not.
        expect(texts.get('report.json')).toMatch(/sid=\*\*\*/);
        expect(leaks(texts, [...issued, keyBody.slice(0, 64), keyBody.slice(-64)])).toEqual([]);
      });
    },
    120_000,
  );

  it("mock SPs: no report carries any check's SCIM token, though the checks that fail quote the wire", async () => {
    const tokens = new Set<string>();
    const report = await runScenarios({
      scenarios: allScenarios.filter((scenario) => scenario.suite !== 'resilience'),
      // Faults make checks fail, so the reports carry evidence: requests with their Authorization header.
      targets: SP_IDS.map((id) => mockTarget(id, { faults: ['ignore-filter', 'put-not-applied'] })),
      strict: false,
      seed: 1,
      version: 'test',
      requirements: REQUIREMENTS,
      onExchanges: (scenario) => void tokens.add(scenario.token),
    });
    expect(report.summary.failed).toBeGreaterThan(0);
    expect(tokens.size).toBeGreaterThan(100);
    const dir = await mkdtemp(join(tmpdir(), 'sso-harness-secrets-'));
    try {
      await writeReports(report, dir, ['json', 'junit', 'markdown', 'html']);
      const texts = await reportTexts(dir);
      expect(texts.get('report.json')).toMatch(/Bearer \*\*\*/);
      expect(leaks(texts, tokens)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
