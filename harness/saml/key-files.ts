/**
 * The reference IdP's key pair file for target mode: the key an SP vendor's SP trusts, kept
 * where `--idp-keys` says, made once (0600) and read on every later run.
 * @see README.md (SP vendor runs the reference IdP against a real SP)
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createKeyPair, keyPairFromPem, type CertificateOptions, type KeyPair } from './keys.js';

/**
 * Target mode: reads {privateKeyPem, certificatePem} JSON at path, or creates it (0600) on first use.
 * @see README.md (SP vendor runs the reference IdP against a real SP)
 */
export async function loadOrCreateKeyPairFile(path: string, options: CertificateOptions): Promise<KeyPair> {
  const existing = await readKeyPairFile(path);
  if (existing) return existing;
  const created = await createKeyPair(options);
  const body = JSON.stringify(
    { privateKeyPem: created.privateKeyPem, certificatePem: created.certificatePem },
    null,
    2,
  );
  await mkdir(dirname(path), { recursive: true });
  try {
    // 'wx': never overwrite a key another process wrote in the meantime.
    await writeFile(path, `${body}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const raced = await readKeyPairFile(path);
    if (raced) return raced;
  }
  return created;
}

/** Target mode: the key pair JSON at `path`, or undefined when there is no such file (never created here). */
export async function readKeyPairFile(path: string): Promise<KeyPair | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new TypeError(
      `Key pair file ${path} is not JSON (${error instanceof Error ? error.message : String(error)}); fix it or delete it to create a new key`,
    );
  }
  const { privateKeyPem, certificatePem } = (parsed ?? {}) as Record<string, unknown>;
  if (typeof privateKeyPem !== 'string' || typeof certificatePem !== 'string') {
    throw new TypeError(
      `Key pair file ${path} must hold {"privateKeyPem": "...", "certificatePem": "..."}; fix it or delete it to create a new key`,
    );
  }
  return keyPairFromPem(privateKeyPem, certificatePem);
}
