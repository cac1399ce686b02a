/**
 * What the node-saml target-mode tests share: the peer loaded (or undefined, with the loud
 * notice), an SP configured with the certificate `idp-metadata` wrote, the `run` arguments and
 * the report read back.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { expect } from 'vitest';
import type { RunReport } from '#reports';
import { main } from '../../harness/cli/main.js';
import { loadPeer } from './index.js';
import type { NodeSamlSp, NodeSamlSpOptions } from './node-saml-sp.js';

export const start = await loadPeer(
  '@node-saml/node-saml',
  async () => (await import('./node-saml-sp.js')).startNodeSamlSp,
);

export const sink = (): NodeJS.WriteStream => new PassThrough() as unknown as NodeJS.WriteStream;

/** node-saml configured with the certificate `idp-metadata` wrote (keys.json in a fresh folder), then `use`d. */
export async function withConfiguredSp(
  options: NodeSamlSpOptions,
  use: (
    sp: NodeSamlSp,
    io: { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream; cwd: string },
    dir: string,
  ) => Promise<void>,
): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'sso-harness-node-saml-'));
  try {
    const io = { stdout: sink(), stderr: sink(), cwd: dir };
    expect(await main(['idp-metadata', '--idp-keys', 'keys.json', '--out', 'idp'], io)).toBe(0);
    const certificatePem = await readFile(join(dir, 'idp', 'certificate.pem'), 'utf8');
    const sp = await start!(certificatePem, 'https://sso-harness.test/idp', options);
    try {
      await use(sp, io, dir);
    } finally {
      await sp.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The failed vectors of a run and their severities, as the README's tables list them. */
export const failedSeverities = (report: RunReport): Record<string, string | undefined> =>
  Object.fromEntries(
    report.results
      .filter((r) => r.status === 'failed')
      .map((r) => [r.scenario.replace('saml-security/', ''), r.severity]),
  );

export const reportIn = async (dir: string): Promise<RunReport> =>
  JSON.parse(await readFile(join(dir, 'report', 'report.json'), 'utf8')) as RunReport;

/** `run` against the node-saml SP with the key pair idp-metadata wrote, the report in ./report. */
export function runArgs(sp: { metadataUrl: string; whoamiUrl: string }): string[] {
  return [
    'run',
    '--sp-metadata',
    sp.metadataUrl,
    '--identity-url',
    sp.whoamiUrl,
    '--idp-keys',
    'keys.json',
    '--out',
    'report',
  ];
}

/** A stream whose text the test reads (what the CLI wrote to it). */
export function capture(): { stream: NodeJS.WriteStream; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
}
