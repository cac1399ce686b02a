import { X509Certificate } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyCacheDir, keyCacheIn, MIN_REMAINING_DAYS } from './key-cache.js';
import {
  cachedLookAlikeKeyPair,
  createKeyPair,
  keepKeyPairsIn,
  sharedKeyPair,
  type KeyPair,
} from './keys.js';

const DAY_MS = 86_400_000;
const OPTIONS = { commonName: 'Cached IdP' };
let dir: string;
let one: KeyPair;
let other: KeyPair;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sso-harness-key-cache-'));
  [one, other] = await Promise.all([createKeyPair(OPTIONS), createKeyPair({ commonName: 'Other' })]);
});
afterAll(async () => {
  keepKeyPairsIn(undefined);
  await rm(dir, { recursive: true, force: true });
});

const pemOf = (pair: KeyPair) => ({ privateKeyPem: pair.privateKeyPem, certificatePem: pair.certificatePem });
const validTo = (pair: KeyPair) => Date.parse(new X509Certificate(pair.certificatePem).validTo);

describe('keyCacheIn', () => {
  it('gives back what it kept, in a 0600 file in a 0700 folder', async () => {
    const cache = keyCacheIn(join(dir, 'kept'));
    await cache.write('idp', OPTIONS, pemOf(one));
    expect(await cache.read('idp', OPTIONS)).toEqual(pemOf(one));
    const [file] = await readdir(join(dir, 'kept'));
    expect((await stat(join(dir, 'kept', file!))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'kept'))).mode & 0o777).toBe(0o700);
  });

  it('keeps a pair per name and per certificate shape', async () => {
    const cache = keyCacheIn(join(dir, 'shapes'));
    await cache.write('idp', OPTIONS, pemOf(one));
    expect(await cache.read('sp', OPTIONS)).toBeUndefined();
    expect(await cache.read('idp', { ...OPTIONS, organizationalUnit: 'JumpCloudSAMLIdP' })).toBeUndefined();
    expect(await cache.read('idp', { ...OPTIONS, bits: 3072 })).toBeUndefined();
  });

  it(`misses once the certificate has less than ${MIN_REMAINING_DAYS} days left, or is not valid yet`, async () => {
    const path = join(dir, 'expiring');
    await keyCacheIn(path).write('idp', OPTIONS, pemOf(one));
    const late = validTo(one) - (MIN_REMAINING_DAYS - 1) * DAY_MS;
    expect(await keyCacheIn(path, () => new Date(late)).read('idp', OPTIONS)).toBeUndefined();
    const inTime = validTo(one) - (MIN_REMAINING_DAYS + 1) * DAY_MS;
    expect(await keyCacheIn(path, () => new Date(inTime)).read('idp', OPTIONS)).toEqual(pemOf(one));
    expect(await keyCacheIn(path, () => new Date(0)).read('idp', OPTIONS)).toBeUndefined();
  });

  it('never keeps a pair whose notBefore was pinned', async () => {
    const cache = keyCacheIn(join(dir, 'pinned'));
    const pinned = { ...OPTIONS, notBefore: new Date() };
    await cache.write('idp', pinned, pemOf(one));
    expect(await cache.read('idp', pinned)).toBeUndefined();
  });

  it('misses on a corrupt file, and a folder it cannot write is no error', async () => {
    const path = join(dir, 'corrupt');
    const cache = keyCacheIn(path);
    await cache.write('idp', OPTIONS, pemOf(one));
    const [file] = await readdir(path);
    await writeFile(join(path, file!), '{"privateKeyPem": 1');
    expect(await cache.read('idp', OPTIONS)).toBeUndefined();
    await writeFile(join(dir, 'a-file'), '');
    await expect(
      keyCacheIn(join(dir, 'a-file', 'keys')).write('idp', OPTIONS, pemOf(one)),
    ).resolves.toBeUndefined();
  });
});

describe('sharedKeyPair with a key cache', () => {
  it('takes a kept pair in place of making one', async () => {
    const path = join(dir, 'shared');
    await keyCacheIn(path).write('cache-test:kept', OPTIONS, pemOf(one));
    keepKeyPairsIn(keyCacheIn(path));
    const pair = await sharedKeyPair('cache-test:kept', OPTIONS);
    expect(pair.certificatePem).toBe(one.certificatePem);
    expect(pair.privateKey.export({ type: 'pkcs8', format: 'pem' })).toBe(one.privateKeyPem);
  });

  it('makes and keeps a new pair when the kept key does not match its certificate', async () => {
    const path = join(dir, 'mismatch');
    const cache = keyCacheIn(path);
    await cache.write('cache-test:mismatch', OPTIONS, {
      privateKeyPem: other.privateKeyPem,
      certificatePem: one.certificatePem,
    });
    keepKeyPairsIn(cache);
    const pair = await sharedKeyPair('cache-test:mismatch', OPTIONS);
    expect(pair.certificatePem).not.toBe(one.certificatePem);
    expect(await cache.read('cache-test:mismatch', OPTIONS)).toEqual(pemOf(pair));
    const file = (await readdir(path)).find((name) => name.endsWith('.json'))!;
    expect(await readFile(join(path, file), 'utf8')).toContain('"name": "cache-test:mismatch"');
  });
});

describe('cachedLookAlikeKeyPair', () => {
  it('keeps the look-alike certificate of a key, and makes it again for another key', async () => {
    const path = join(dir, 'look-alike');
    keepKeyPairsIn(keyCacheIn(path));
    const made = await cachedLookAlikeKeyPair(one.certificatePem, other);
    const copied = new X509Certificate(made.certificatePem);
    expect(copied.subject).toBe(new X509Certificate(one.certificatePem).subject);
    expect(copied.checkPrivateKey(other.privateKey)).toBe(true);
    expect((await readdir(path)).filter((name) => name.endsWith('.json'))).toHaveLength(1);
    expect((await cachedLookAlikeKeyPair(one.certificatePem, other)).certificatePem).toBe(
      made.certificatePem,
    );
    const forOne = await cachedLookAlikeKeyPair(other.certificatePem, one);
    expect(new X509Certificate(forOne.certificatePem).checkPrivateKey(one.privateKey)).toBe(true);
  });
});

describe('keyCacheDir', () => {
  it('follows SSO_HARNESS_KEY_CACHE, then XDG_CACHE_HOME, then ~/.cache; off is none', () => {
    expect(keyCacheDir({ SSO_HARNESS_KEY_CACHE: '/k' }, '/home/a')).toBe('/k');
    expect(keyCacheDir({ SSO_HARNESS_KEY_CACHE: 'off', XDG_CACHE_HOME: '/x' }, '/home/a')).toBeUndefined();
    expect(keyCacheDir({ XDG_CACHE_HOME: '/x' }, '/home/a')).toBe('/x/sso-harness/keys');
    expect(keyCacheDir({}, '/home/a')).toBe('/home/a/.cache/sso-harness/keys');
    expect(keyCacheDir({}, undefined)).toBeUndefined();
  });
});
