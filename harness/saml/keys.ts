/**
 * RSA keys and self-signed X.509 certificates for the reference IdP and the
 * mock SPs: generated once (keygen is the slow part), loaded into KeyObjects
 * once, and shared by name within a process.
 * @see SAML 2.0 Metadata §2.4.1.1 (KeyDescriptor), docs/conformance.md "Response shape" (certificate)
 */
import type { X509Certificate } from 'node:crypto';
import {
  createHash,
  randomBytes,
  webcrypto,
  createPrivateKey,
  generateKeyPair,
  type KeyObject,
} from 'node:crypto';
import { promisify } from 'node:util';
import { x509Of } from './certificate.js';
import type { KeyCache } from './key-cache.js';
import type * as X509 from '@peculiar/x509';

type X509Module = typeof X509;
let x509Module: Promise<X509Module> | undefined;

/**
 * @peculiar/x509, loaded when a certificate is first made: a run whose keys all come from the
 * key cache never loads it (0.1 s a thread).
 */
function loadX509(): Promise<X509Module> {
  x509Module ??= (async () => {
    // Before @peculiar/x509: its dependency tsyringe refuses to load without Reflect metadata.
    await import('./reflect-metadata.js');
    const x509 = await import('@peculiar/x509');
    // @peculiar/x509 signs through WebCrypto; Node's implementation is the provider.
    x509.cryptoProvider.set(webcrypto as unknown as Crypto);
    return x509;
  })();
  return x509Module;
}

const generateRsaKeyPair = promisify(generateKeyPair);

/** An RSA key pair and its certificate, in the forms signing, encryption and metadata need. @see SAML 2.0 Metadata §2.4.1.1 */
export interface KeyPair {
  /** node:crypto KeyObject, loaded once (never a PEM per call) */
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** PKCS#8 PEM */
  privateKeyPem: string;
  /** -----BEGIN CERTIFICATE----- */
  certificatePem: string;
  /** base64 DER, no armour, no line breaks: what goes in ds:X509Certificate */
  certificateBase64: string;
}

/** Subject and validity of a self-signed certificate. @see RFC 5280 §4.1.2.4–4.1.2.6 */
export interface CertificateOptions {
  /** Subject CN, e.g. 'JumpCloud' or the SP entity. */
  commonName: string;
  /** Subject OU; the IdP uses 'JumpCloudSAMLIdP'. */
  organizationalUnit?: string;
  /** Subject O. */
  organization?: string;
  /**
   * Validity length in days, counted from `notBefore`.
   * @default 1826 (5 years, docs/conformance.md "Response shape")
   */
  validDays?: number;
  /**
   * Start of validity.
   * @default now − 1 day (tolerates clock skew at the peer)
   */
  notBefore?: Date;
  /**
   * RSA modulus length.
   * @default 2048
   */
  bits?: 2048 | 3072;
}

const DAY_MS = 86_400_000;
const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/**
 * RSA key (node:crypto generateKeyPair) + self-signed sha256WithRSA certificate (@peculiar/x509).
 * @see RFC 5280 §4.1, docs/conformance.md "Response shape" (certificate self-signed, sha256WithRSA, 5 years)
 */
export async function createKeyPair(options: CertificateOptions): Promise<KeyPair> {
  const { commonName, organizationalUnit, organization } = options;
  if (typeof commonName !== 'string' || commonName.trim() === '') {
    throw new TypeError(
      'createKeyPair: options.commonName must be a non-empty string (the certificate subject CN)',
    );
  }
  const bits = options.bits ?? 2048;
  if (bits !== 2048 && bits !== 3072)
    throw new TypeError(`createKeyPair: options.bits must be 2048 or 3072, got ${String(bits)}`);
  const validDays = options.validDays ?? 1826;
  if (!Number.isFinite(validDays) || validDays <= 0) {
    throw new TypeError(
      `createKeyPair: options.validDays must be a positive number, got ${String(validDays)}`,
    );
  }
  const notBefore = options.notBefore ?? new Date(Date.now() - DAY_MS);
  const notAfter = new Date(notBefore.getTime() + validDays * DAY_MS);

  const { privateKey, publicKey } = await generateRsaKeyPair('rsa', {
    modulusLength: bits,
    publicExponent: 0x10001,
  });
  const keys = await webcryptoKeys(privateKey, publicKey);
  const x509 = await loadX509();

  // Most general first, as in the certificates JumpCloud issues: O, OU, CN.
  const name: X509.JsonName = [];
  if (organization) name.push({ O: [organization] });
  if (organizationalUnit) name.push({ OU: [organizationalUnit] });
  name.push({ CN: [commonName] });

  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: positiveSerialNumber(),
    name,
    notBefore,
    notAfter,
    signingAlgorithm: RSA_SHA256,
    keys: keys as unknown as CryptoKeyPair,
    // RFC 5280 §4.1 forbids an empty extensions list; these are what a signing/encryption leaf carries.
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey as unknown as CryptoKey),
    ],
  });
  const certificatePem = base64ToPem(Buffer.from(certificate.rawData).toString('base64'));
  return {
    privateKey,
    publicKey,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certificatePem,
    certificateBase64: pemToBase64(certificatePem),
  };
}

/**
 * A certificate that copies `trustedPem`'s subject, issuer, serial number and validity but
 * carries `key`'s public key, self-signed with it: what an attacker makes to fool an SP that
 * recognises its IdP's certificate by name rather than by key. Returns `key` with that certificate.
 * @see RFC 5280 §4.1.2.2 (serialNumber), §4.1.2.4 (issuer), §4.1.2.6 (subject)
 */
export async function lookAlikeKeyPair(trustedPem: string, key: KeyPair): Promise<KeyPair> {
  const x509 = await loadX509();
  const trusted = new x509.X509Certificate(trustedPem);
  const keys = await webcryptoKeys(key.privateKey, key.publicKey);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: trusted.serialNumber,
    subject: trusted.subject,
    issuer: trusted.issuer,
    notBefore: trusted.notBefore,
    notAfter: trusted.notAfter,
    signingAlgorithm: RSA_SHA256,
    publicKey: keys.publicKey as unknown as CryptoKey,
    signingKey: keys.privateKey as unknown as CryptoKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
        true,
      ),
    ],
  });
  const certificatePem = base64ToPem(Buffer.from(certificate.rawData).toString('base64'));
  return { ...key, certificatePem, certificateBase64: pemToBase64(certificatePem) };
}

/**
 * {@link lookAlikeKeyPair}, taken from the key cache when {@link keepKeyPairsIn} gave one: its
 * certificate is kept under the hashes of the trusted certificate and of `key`'s, and used only
 * while it still carries `key`'s public key.
 */
export async function cachedLookAlikeKeyPair(trustedPem: string, key: KeyPair): Promise<KeyPair> {
  const kept = cache;
  if (!kept) return lookAlikeKeyPair(trustedPem, key);
  const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);
  const name = `look-alike:${hash(trustedPem)}:${hash(key.certificatePem)}`;
  const options = { commonName: 'look-alike' };
  const pem = await kept.read(name, options);
  if (
    pem?.privateKeyPem === key.privateKeyPem &&
    x509Of(pem.certificatePem).checkPrivateKey(key.privateKey)
  ) {
    return { ...key, certificatePem: pem.certificatePem, certificateBase64: pemToBase64(pem.certificatePem) };
  }
  const made = await lookAlikeKeyPair(trustedPem, key);
  await kept.write(name, options, { privateKeyPem: key.privateKeyPem, certificatePem: made.certificatePem });
  return made;
}

/** The node:crypto key pair as WebCrypto keys, for @peculiar/x509 to sign a certificate with. */
async function webcryptoKeys(
  privateKey: KeyObject,
  publicKey: KeyObject,
): Promise<{ privateKey: unknown; publicKey: unknown }> {
  return {
    privateKey: await webcrypto.subtle.importKey(
      'pkcs8',
      privateKey.export({ type: 'pkcs8', format: 'der' }),
      RSA_SHA256,
      false,
      ['sign'],
    ),
    publicKey: await webcrypto.subtle.importKey(
      'spki',
      publicKey.export({ type: 'spki', format: 'der' }),
      RSA_SHA256,
      true,
      ['verify'],
    ),
  };
}

/** 16 random bytes as hex, top bit clear so the DER INTEGER is positive (RFC 5280 §4.1.2.2). */
function positiveSerialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x40;
  return bytes.toString('hex');
}

const shared = new Map<string, Promise<KeyPair>>();

/** A key pair as text: what crosses from one thread of a run to another. */
export interface KeyPairPem {
  privateKeyPem: string;
  certificatePem: string;
}

/** Where {@link sharedKeyPair} takes a name's key pair from instead of generating it. */
export type KeyPairSource = (name: string, options: CertificateOptions) => Promise<KeyPairPem>;

let source: KeyPairSource | undefined;
let cache: KeyCache | undefined;

/**
 * Makes {@link sharedKeyPair} ask `from` for each name instead of generating a key: the other
 * threads of a run take the keys its first thread made (harness/cli/run-threads.ts), so a run
 * generates each RSA key once however many threads it has. Call before any key is asked for.
 */
export function takeSharedKeyPairsFrom(from: KeyPairSource): void {
  source = from;
}

/**
 * Makes {@link sharedKeyPair} keep the pairs it makes in `kept` and take them from there in later
 * processes (key-cache.ts); `undefined` stops. The CLI's run does this; library users keep their
 * keys in memory unless they ask.
 */
export function keepKeyPairsIn(kept: KeyCache | undefined): void {
  cache = kept;
}

/** A named pair from the cache, or made and kept there. */
async function cachedOrCreated(name: string, options: CertificateOptions, kept: KeyCache): Promise<KeyPair> {
  const pem = await kept.read(name, options);
  if (pem) {
    try {
      return keyPairFromPem(pem.privateKeyPem, pem.certificatePem);
    } catch {
      // A kept pair that no longer reads (its key and certificate do not match) is made again.
    }
  }
  const created = await createKeyPair(options);
  await kept.write(name, options, {
    privateKeyPem: created.privateKeyPem,
    certificatePem: created.certificatePem,
  });
  return created;
}

/**
 * Memoised per process by name: tests and a run reuse keys (keygen is the slow part).
 * The first call for a name fixes its options; later options for that name are ignored.
 * @see docs/conformance.md "Response shape" (certificate)
 */
export async function sharedKeyPair(name: string, options?: CertificateOptions): Promise<KeyPair> {
  let pending = shared.get(name);
  if (!pending) {
    const chosen = options ?? { commonName: name };
    pending = source
      ? source(name, chosen).then((pem) => keyPairFromPem(pem.privateKeyPem, pem.certificatePem))
      : cache
        ? cachedOrCreated(name, chosen, cache)
        : createKeyPair(chosen);
    shared.set(name, pending);
    // A failed generation must not poison the name for the rest of the process.
    pending.catch(() => {
      if (shared.get(name) === pending) shared.delete(name);
    });
  }
  return pending;
}

/**
 * A KeyPair from an RSA private key (PKCS#1 or PKCS#8 PEM) and the certificate that goes with it.
 * @see RFC 7468 §5 (certificate PEM), RFC 5208 (PKCS#8)
 */
export function keyPairFromPem(privateKeyPem: string, certificatePem: string): KeyPair {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(privateKeyPem);
  } catch (error) {
    throw new TypeError(
      `keyPairFromPem: cannot read the private key (${describe(error)}); pass an unencrypted RSA key in PEM`,
    );
  }
  if (privateKey.asymmetricKeyType !== 'rsa') {
    throw new TypeError(
      `keyPairFromPem: the private key is ${String(privateKey.asymmetricKeyType)}, expected rsa`,
    );
  }
  const normalised = base64ToPem(pemToBase64(certificatePem));
  let certificate: X509Certificate;
  try {
    certificate = x509Of(normalised);
  } catch (error) {
    throw new TypeError(
      `keyPairFromPem: cannot read the certificate (${describe(error)}); pass an X.509 PEM`,
    );
  }
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new TypeError(
      `keyPairFromPem: the private key does not belong to the certificate (subject ${certificate.subject.replace(/\n/g, ', ')}); ` +
        'pass the matching pair',
    );
  }
  return {
    privateKey,
    publicKey: certificate.publicKey,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certificatePem: normalised,
    certificateBase64: pemToBase64(normalised),
  };
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Strips PEM armour and whitespace: the base64 DER that goes in ds:X509Certificate.
 * @see RFC 7468 §2, XML Signature 1.1 §4.5.4 (X509Data)
 */
export function pemToBase64(pem: string): string {
  const blocks = pem.match(/-----BEGIN [^-]+-----/g) ?? [];
  if (blocks.length > 1) {
    throw new TypeError(
      `pemToBase64: expected one PEM block, found ${blocks.length}; pass one certificate at a time`,
    );
  }
  const b64 = pem.replace(/-----(?:BEGIN|END) [^-]+-----/g, '').replace(/\s+/g, '');
  if (!BASE64.test(b64))
    throw new TypeError('pemToBase64: the text between the PEM armour lines is not base64');
  return b64;
}

/**
 * Wraps base64 DER in 64-column CERTIFICATE armour.
 * @see RFC 7468 §2, §5
 */
export function base64ToPem(b64: string): string {
  const body = b64.replace(/\s+/g, '');
  if (!BASE64.test(body)) throw new TypeError('base64ToPem: the certificate is not base64 (DER, no armour)');
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
