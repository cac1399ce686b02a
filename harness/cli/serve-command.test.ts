import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BINDING, buildSpMetadata, parseIdpMetadata } from '#harness/saml';
import type { DashboardState, RunningServe } from '#harness/serve';
import { referenceIdpMetadata } from '#scenarios';
import { serveCommand } from './serve-command.js';

let dir: string;

function capture(): { stream: NodeJS.WriteStream; text: () => string } {
  let text = '';
  const stream = { write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WriteStream;
  return { stream, text: () => text };
}

/** Runs the command until it is ready, then hands back what it printed and a way to stop it. */
async function serve(...args: string[]) {
  const stdout = capture();
  const stderr = capture();
  const signals = new EventEmitter();
  let ready!: (running: RunningServe) => void;
  const started = new Promise<RunningServe>((resolve) => (ready = resolve));
  const exit = serveCommand(
    ['--port', '0', '--idp-keys', join(dir, 'idp-keys.json'), ...args],
    { stdout: stdout.stream, stderr: stderr.stream, cwd: dir },
    { signals, onReady: ready },
  );
  const running = await Promise.race([
    started,
    exit.then((code) => Promise.reject(new Error(`exit ${code}: ${stderr.text()}`))),
  ]);
  return { running, stdout, stderr, exit, stop: (signal = 'SIGINT') => signals.emit(signal) };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sso-harness-serve-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sso-harness serve (command)', () => {
  it('prints the URLs and the demo password, never a token, and stops with exit 0 on SIGINT', async () => {
    const { running, stdout, exit, stop } = await serve('--sp', 'interact,outreach');
    const state = (await (await fetch(`${running.dashboardUrl}api/state`)).json()) as DashboardState;
    const interact = state.sps.find((sp) => sp.id === 'interact')!;
    const token = interact.scim!.credential.token!;
    expect(
      (await fetch(`${interact.scim!.baseUrl}/Users`, { headers: { authorization: `Bearer ${token}` } }))
        .status,
    ).toBe(200);
    expect(stdout.text()).toContain(running.dashboardUrl);
    expect(stdout.text()).toContain(`SCIM base URL ${interact.scim!.baseUrl}`);
    expect(stdout.text()).toContain(`password ${running.password}`);
    expect(stdout.text()).not.toContain(token);
    stop();
    expect(await exit).toBe(0);
    expect(stdout.text()).toMatch(/SIGINT: closing the servers\n$/);
    await expect(fetch(running.dashboardUrl)).rejects.toThrow();
  });

  it('signs with the same key pair after a restart, so an SP configured once keeps trusting it', async () => {
    const certificate = async () => {
      const { running, exit, stop } = await serve('--sp', 'outreach');
      const xml = await (await fetch(running.idp.metadataUrls.outreach!)).text();
      stop('SIGTERM');
      expect(await exit).toBe(0);
      return /<ds:X509Certificate>([^<]+)</.exec(xml)?.[1];
    };
    const first = await certificate();
    expect(first).toBeDefined();
    expect(await certificate()).toBe(first);
  });

  it('serves your own SP from --sp-metadata with the IdP metadata idp-metadata writes for it', async () => {
    const file = join(dir, 'sp-metadata.xml');
    await writeFile(
      file,
      buildSpMetadata({
        entityId: 'https://sp.example.test/metadata',
        acs: [{ url: 'https://sp.example.test/acs', binding: BINDING.post, index: 0 }],
        signingCertificates: [],
        encryptionCertificates: [],
        authnRequestsSigned: false,
        wantAssertionsSigned: true,
        nameIdFormats: [],
      }),
    );
    const { running, stdout, exit, stop } = await serve('--sp', 'outreach', '--sp-metadata', file);
    try {
      const served = parseIdpMetadata(await (await fetch(running.idp.metadataUrls['sso-harness']!)).text());
      const written = parseIdpMetadata(
        (
          await referenceIdpMetadata({
            idpKeyFile: join(dir, 'idp-keys.json'),
            idpBaseUrl: running.idp.baseUrl,
          })
        ).xml,
      );
      expect(served).toMatchObject({
        entityId: written.entityId,
        ssoUrls: written.ssoUrls,
        certificates: written.certificates,
      });
      expect(stdout.text()).toContain(`your SP    IdP metadata ${running.idp.metadataUrls['sso-harness']}`);
    } finally {
      stop();
      expect(await exit).toBe(0);
    }
  });

  it('refuses a port in use in one line naming the port and the fix (exit 2)', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as AddressInfo;
    const stdout = capture();
    const stderr = capture();
    try {
      const code = await serveCommand(['--port', String(port), '--idp-keys', join(dir, 'idp-keys.json')], {
        stdout: stdout.stream,
        stderr: stderr.stream,
        cwd: dir,
      });
      expect(code).toBe(2);
      expect(stderr.text()).toBe(
        `sso-harness: port ${port} on 127.0.0.1 is in use; stop what listens there, or pick another with --port (0 picks a free one)\n`,
      );
      expect(stdout.text()).toBe('');
    } finally {
      holder.close();
    }
  });

  it('refuses an unknown SP or option with exit 2', async () => {
    for (const args of [['--sp', 'nope'], ['--bogus'], ['--layout', 'sideways'], ['--port', 'eighty']]) {
      const stderr = capture();
      const code = await serveCommand(args, { stdout: capture().stream, stderr: stderr.stream, cwd: dir });
      expect(code).toBe(2);
      expect(stderr.text()).toMatch(/^sso-harness: .+\n$/);
    }
  });
});
