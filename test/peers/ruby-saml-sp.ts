/**
 * Debian's ruby-saml behind a minimal WEBrick app (ruby-saml-sp.rb), started as a child
 * process on an ephemeral loopback port: a second SAML SP stack nobody here wrote.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface RubySamlSp {
  metadataUrl: string;
  whoamiUrl: string;
  /** Starts an SP-initiated login: a redirect to the IdP with the AuthnRequest. */
  loginUrl: string;
  close(): Promise<void>;
}

const SCRIPT = fileURLToPath(new URL('./ruby-saml-sp.rb', import.meta.url));

/**
 * Starts ruby-saml trusting `idpCertificatePem` from `idpEntityId`; `ruby` is the interpreter's path.
 * Production settings (ruby-saml-sp.rb) unless `basic`: IdP-initiated, unencrypted, no replay cache.
 */
export async function startRubySamlSp(
  ruby: string,
  idpCertificatePem: string,
  idpEntityId: string,
  options: { basic?: boolean } = {},
): Promise<RubySamlSp> {
  const dir = await mkdtemp(join(tmpdir(), 'sso-harness-ruby-saml-'));
  const certFile = join(dir, 'idp.pem');
  await writeFile(certFile, idpCertificatePem);
  const child = spawn(ruby, [SCRIPT, certFile, idpEntityId, ...(options.basic ? ['--basic'] : [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  const started = new Promise<number>((resolve, reject) => {
    lines.on('line', (line) => {
      const port = /^port (\d+)$/.exec(line)?.[1];
      if (port) resolve(Number(port));
    });
    child.once('exit', (code) =>
      reject(new Error(`ruby-saml SP exited (${code}) before listening: ${stderr.trim()}`)),
    );
  });
  const port = await started;
  const origin = `http://127.0.0.1:${port}`;
  return {
    metadataUrl: `${origin}/metadata`,
    whoamiUrl: `${origin}/whoami`,
    loginUrl: `${origin}/login`,
    async close() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
