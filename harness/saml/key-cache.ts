/**
 * The named key pairs of the in-process IdP and mock SPs, kept on disk between runs: an RSA
 * keygen costs 0.1–0.3 s of CPU, and a default run needs five of them. Only keys made for
 * {@link sharedKeyPair} by name are kept (never a target-mode key file, which has its own place),
 * each in a file of its own (0600, in a 0700 folder), as a self-signed development certificate is
 * kept by the tools that make one.
 *
 * A kept pair is used only while its certificate has at least {@link MIN_REMAINING_DAYS} of
 * validity left and its key still matches it; anything else (a missing, unreadable, corrupt or
 * expiring file) is a miss, and the new pair replaces it. The cache never fails a run: a folder
 * it cannot write leaves the run making its keys in memory, as without a cache.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { x509Of } from './certificate.js';
import type { CertificateOptions, KeyPairPem } from './keys.js';

/** A kept certificate with less validity than this left is made again. */
export const MIN_REMAINING_DAYS = 30;
const DAY_MS = 86_400_000;

export interface KeyCache {
  /** The kept pair for this name and these options, or undefined (a miss). */
  read(name: string, options: CertificateOptions): Promise<KeyPairPem | undefined>;
  /** Keeps a pair; a failure to write is not an error (the next run makes it again). */
  write(name: string, options: CertificateOptions, pem: KeyPairPem): Promise<void>;
}

/** Whether pairs for these options can be kept: a pinned notBefore asks for a pair made now. */
export function cacheable(options: CertificateOptions): boolean {
  return options.notBefore === undefined;
}

/** The file of one name and its options: everything that shapes the certificate is in its hash. */
function fileOf(dir: string, name: string, options: CertificateOptions): string {
  const shape = [
    name,
    options.commonName,
    options.organizationalUnit ?? null,
    options.organization ?? null,
    options.bits ?? 2048,
    options.validDays ?? null,
  ];
  return join(dir, `${createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 32)}.json`);
}

function isKeyPairPem(value: unknown): value is KeyPairPem {
  if (typeof value !== 'object' || value === null) return false;
  const { privateKeyPem, certificatePem } = value as Record<string, unknown>;
  return typeof privateKeyPem === 'string' && typeof certificatePem === 'string';
}

/** Whether the certificate is valid now and stays valid long enough to be worth keeping. */
function fresh(certificatePem: string, now: Date): boolean {
  try {
    const certificate = x509Of(certificatePem);
    const from = Date.parse(certificate.validFrom);
    const to = Date.parse(certificate.validTo);
    return from <= now.getTime() && to - now.getTime() >= MIN_REMAINING_DAYS * DAY_MS;
  } catch {
    return false;
  }
}

/** A cache of key pairs in `dir` (made on first write). `now` is the clock validity is judged by. */
export function keyCacheIn(dir: string, now: () => Date = () => new Date()): KeyCache {
  return {
    async read(name, options) {
      if (!cacheable(options)) return undefined;
      let text: string;
      try {
        text = await readFile(fileOf(dir, name, options), 'utf8');
      } catch {
        return undefined;
      }
      let kept: unknown;
      try {
        kept = JSON.parse(text);
      } catch {
        return undefined;
      }
      if (!isKeyPairPem(kept) || !fresh(kept.certificatePem, now())) return undefined;
      return { privateKeyPem: kept.privateKeyPem, certificatePem: kept.certificatePem };
    },
    async write(name, options, pem) {
      if (!cacheable(options)) return;
      const file = fileOf(dir, name, options);
      // Written aside, then renamed over: a reader in another process sees the old file or the
      // new one, never half of one.
      const aside = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await mkdir(dir, { recursive: true, mode: 0o700 });
        await writeFile(aside, `${JSON.stringify({ name, ...pem }, null, 2)}\n`, { mode: 0o600 });
        await rename(aside, file);
      } catch {
        await rm(aside, { force: true }).catch(() => undefined);
      }
    },
  };
}

/**
 * Where the CLI keeps its key pairs: `SSO_HARNESS_KEY_CACHE` when set (`off` for none), else
 * `$XDG_CACHE_HOME/sso-harness/keys`, else `~/.cache/sso-harness/keys`; undefined for none.
 */
export function keyCacheDir(
  env: Record<string, string | undefined>,
  home: string | undefined,
): string | undefined {
  const chosen = env['SSO_HARNESS_KEY_CACHE']?.trim();
  if (chosen === 'off') return undefined;
  if (chosen) return chosen;
  const base = env['XDG_CACHE_HOME']?.trim() || (home ? join(home, '.cache') : undefined);
  return base ? join(base, 'sso-harness', 'keys') : undefined;
}
