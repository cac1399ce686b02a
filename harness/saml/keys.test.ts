import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  base64ToPem,
  createKeyPair,
  keyPairFromPem,
  pemToBase64,
  sharedKeyPair,
  type KeyPair,
} from './keys.js';
import { loadOrCreateKeyPairFile } from './key-files.js';

/** DER of the sha256WithRSAEncryption OID, 1.2.840.113549.1.1.11. */
const SHA256_WITH_RSA_OID = Buffer.from('06092a864886f70d01010b', 'hex');
const DAY_MS = 86_400_000;

let idp: KeyPair;
const createdAt = Date.now();

beforeAll(async () => {
  idp = await createKeyPair({
    commonName: 'JumpCloud',
    organizationalUnit: 'JumpCloudSAMLIdP',
    organization: 'JumpCloud',
  });
});

describe('createKeyPair', () => {
  it('issues a self-signed sha256WithRSA certificate with CN, OU and O', () => {
    const certificate = new X509Certificate(idp.certificatePem);
    expect(certificate.subject.split('\n')).toEqual(['O=JumpCloud', 'OU=JumpCloudSAMLIdP', 'CN=JumpCloud']);
    expect(certificate.issuer).toBe(certificate.subject);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.raw.includes(SHA256_WITH_RSA_OID)).toBe(true);
    expect(certificate.checkPrivateKey(idp.privateKey)).toBe(true);
    expect(certificate.ca).toBe(false);
  });

  it('is valid from a day ago for five years by default', () => {
    const certificate = new X509Certificate(idp.certificatePem);
    const from = Date.parse(certificate.validFrom);
    const to = Date.parse(certificate.validTo);
    expect(Math.abs(from - (createdAt - DAY_MS))).toBeLessThan(60_000);
    expect(Math.round((to - from) / DAY_MS)).toBe(1826);
  });

  it('loads KeyObjects once and keeps the certificate forms consistent', () => {
    expect(idp.privateKey.type).toBe('private');
    expect(idp.publicKey.type).toBe('public');
    expect(idp.privateKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(idp.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(idp.certificateBase64).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(base64ToPem(idp.certificateBase64)).toBe(idp.certificatePem);
  });

  it('honours notBefore, validDays and the subject options', async () => {
    const notBefore = new Date('2020-01-01T00:00:00Z');
    const keys = await createKeyPair({ commonName: 'sp.example.com', notBefore, validDays: 10 });
    const certificate = new X509Certificate(keys.certificatePem);
    expect(certificate.subject).toBe('CN=sp.example.com');
    expect(new Date(certificate.validFrom).toISOString()).toBe('2020-01-01T00:00:00.000Z');
    expect(new Date(certificate.validTo).toISOString()).toBe('2020-01-11T00:00:00.000Z');
  });

  it('rejects a missing common name as misuse', async () => {
    await expect(createKeyPair({ commonName: '' })).rejects.toThrow(TypeError);
  });
});

describe('sharedKeyPair', () => {
  it('memoises by name', async () => {
    const [first, second] = await Promise.all([sharedKeyPair('keys-test-a'), sharedKeyPair('keys-test-a')]);
    const other = await sharedKeyPair('keys-test-b');
    expect(second).toBe(first);
    expect(other.certificatePem).not.toBe(first.certificatePem);
    expect(new X509Certificate(first.certificatePem).subject).toBe('CN=keys-test-a');
  });
});

describe('keyPairFromPem', () => {
  it('rebuilds the same key pair from its PEMs', () => {
    const loaded = keyPairFromPem(idp.privateKeyPem, idp.certificatePem);
    expect(loaded.certificateBase64).toBe(idp.certificateBase64);
    expect(loaded.privateKeyPem).toBe(idp.privateKeyPem);
    expect(loaded.publicKey.equals(idp.publicKey)).toBe(true);
  });

  it('refuses a private key that does not belong to the certificate', async () => {
    const other = await sharedKeyPair('keys-test-a');
    expect(() => keyPairFromPem(other.privateKeyPem, idp.certificatePem)).toThrow(/does not belong/);
  });
});

describe('loadOrCreateKeyPairFile', () => {
  it('creates the file with mode 0600 on first use and reads the same key after', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sso-harness-keys-'));
    try {
      const path = join(dir, 'nested', 'idp-key.json');
      const created = await loadOrCreateKeyPairFile(path, { commonName: 'JumpCloud' });
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
        privateKeyPem: created.privateKeyPem,
        certificatePem: created.certificatePem,
      });
      const loaded = await loadOrCreateKeyPairFile(path, { commonName: 'ignored' });
      expect(loaded.certificatePem).toBe(created.certificatePem);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('pemToBase64 and base64ToPem', () => {
  it('round-trip with 64-column armour', () => {
    const pem = base64ToPem(idp.certificateBase64);
    const lines = pem.trim().split('\n');
    expect(lines[0]).toBe('-----BEGIN CERTIFICATE-----');
    expect(lines.at(-1)).toBe('-----END CERTIFICATE-----');
    expect(lines.slice(1, -1).every((line) => line.length <= 64)).toBe(true);
    expect(pemToBase64(pem)).toBe(idp.certificateBase64);
    expect(pemToBase64(pem.replace(/\n/g, '\r\n'))).toBe(idp.certificateBase64);
  });

  it('refuses two PEM blocks and non-base64 text', () => {
    expect(() => pemToBase64(idp.certificatePem + idp.certificatePem)).toThrow(/one PEM block/);
    expect(() => base64ToPem('not base64!')).toThrow(TypeError);
  });
});
