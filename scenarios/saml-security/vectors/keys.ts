/**
 * Attacks with a key the SP never pinned: in KeyInfo as itself, under a certificate copying the
 * IdP certificate's names, or under the IdP's own certificate. The SP's trust is the key its
 * configuration names, never what the message carries (docs/decisions/0019).
 * @see SAML 2.0 Metadata §2.4.1.1; XML Signature 1.1 §4.5; docs/conformance.md "SAML 2.0"
 */
import { X509Certificate } from 'node:crypto';
import { NS, cachedLookAlikeKeyPair, type KeyPair } from '#harness/saml';
import { ensureDefects } from './conditions.js';
import { prepare, retarget, signAsPlanned, stripSignatures } from './dom.js';
import { allSignatures, assertionIn, ensure, nameIdText, onlySend, signedCopies } from './inspect.js';
import type { AttackVector, AttackVectorId, VectorContext } from './types.js';

/** What the vectors signed with a key the SP never pinned share. */
const FOREIGN_KEY = {
  expect: 'reject',
  bypassIdentity: 'attacker',
  signs: 'stranger',
  cites: ['SAML-CERTIFICATE'],
} as const satisfies Partial<AttackVector>;
const KEY_FROM_CONFIGURATION =
  'SAML 2.0 Metadata §2.4.1.1 (KeyDescriptor: the signing key comes from configuration)';

const strangerKey: AttackVector = {
  id: 'stranger-key-keyinfo',
  title: 'Signed by a stranger key whose certificate rides in KeyInfo',
  ...FOREIGN_KEY,
  references: [KEY_FROM_CONFIGURATION, 'XML Signature 1.1 §4.5 (KeyInfo is a hint, not a trust decision)'],
  async build(ctx) {
    return {
      sends: [await attackerSignedBy(ctx, ctx.strangerKey)],
      description:
        `A response for ${ctx.attacker} signed with a freshly generated key; its self-signed certificate is in ` +
        'ds:KeyInfo. A vulnerable SP verifies with whatever certificate the message carries instead of the pinned one.',
    };
  },
  async check(ctx, built) {
    ensureSignedBy('stranger-key-keyinfo', ctx, built.sends, ctx.strangerKey.certificateBase64);
  },
};

/**
 * A response for the attacker signed as the IdP signs (same elements) but with `key`, whose
 * certificate rides in KeyInfo.
 */
async function attackerSignedBy(ctx: VectorContext, key: KeyPair): Promise<string> {
  const { doc, assertion, plan } = await prepare(ctx, ctx.victim);
  stripSignatures(doc);
  retarget(assertion, ctx.victim, ctx.attacker);
  return signAsPlanned(doc, key, { response: plan.response, assertion: plan.assertion || !plan.response });
}

/**
 * Fails unless every signature of the one message verifies with the stranger key (never with the
 * IdP's), carries `keyInfo` as its certificate, and the NameID is the attacker's.
 */
function ensureSignedBy(
  vector: AttackVectorId,
  ctx: VectorContext,
  sends: readonly string[],
  keyInfo: string,
): void {
  const { doc } = onlySend(vector, sends);
  const signatures = allSignatures(doc);
  ensure(signatures.length > 0, vector, 'the message carries no signature');
  ensureDefects(vector, ctx, doc.documentElement!, []);
  ensure(
    signedCopies(doc, ctx.idpKey).length === 0,
    vector,
    'a signature verifies with the IdP key; the stranger key was not used',
  );
  ensure(
    signedCopies(doc, ctx.strangerKey).length === signatures.length,
    vector,
    'not every signature verifies with the stranger key',
  );
  for (const signature of signatures) {
    const certificate = signature.getElementsByTagNameNS(NS.ds, 'X509Certificate').item(0);
    ensure(
      (certificate?.textContent ?? '').replace(/\s+/g, '') === keyInfo,
      vector,
      'ds:KeyInfo does not carry the certificate the attack is about',
    );
  }
  ensure(
    nameIdText(assertionIn(vector, doc.documentElement!)) === ctx.attacker,
    vector,
    `the NameID is not the attacker '${ctx.attacker}'`,
  );
}

const lookAlikes = new Map<string, Promise<KeyPair>>();

/** The stranger key with a certificate copying the IdP certificate's names, serial and validity. */
function lookAlikeOf(ctx: VectorContext): Promise<KeyPair> {
  const cacheKey = `${ctx.idpKey.certificateBase64}|${ctx.strangerKey.certificateBase64}`;
  let pending = lookAlikes.get(cacheKey);
  if (!pending) {
    pending = cachedLookAlikeKeyPair(ctx.idpKey.certificatePem, ctx.strangerKey);
    lookAlikes.set(cacheKey, pending);
  }
  return pending;
}

const lookAlikeCertificate: AttackVector = {
  id: 'look-alike-certificate',
  title: "Signed by a stranger key whose certificate copies the IdP certificate's subject, issuer and serial",
  ...FOREIGN_KEY,
  references: [
    KEY_FROM_CONFIGURATION,
    'RFC 5280 §4.1.2.4, §4.1.2.6 (a name identifies a certificate; only the key authenticates)',
  ],
  async build(ctx) {
    const lookAlike = await lookAlikeOf(ctx);
    return {
      sends: [await attackerSignedBy(ctx, lookAlike)],
      description:
        `A response for ${ctx.attacker} signed with a key the SP never saw, whose certificate in ds:KeyInfo copies ` +
        "the IdP certificate's subject, issuer, serial number and validity. A vulnerable SP recognises its IdP's " +
        'certificate by those names and verifies with the key the look-alike carries.',
    };
  },
  async check(ctx, built) {
    const lookAlike = await lookAlikeOf(ctx);
    ensureSignedBy('look-alike-certificate', ctx, built.sends, lookAlike.certificateBase64);
    const [copy, original] = [lookAlike.certificatePem, ctx.idpKey.certificatePem].map(
      (pem) => new X509Certificate(pem),
    );
    ensure(
      copy!.subject === original!.subject &&
        copy!.issuer === original!.issuer &&
        copy!.serialNumber === original!.serialNumber,
      'look-alike-certificate',
      "the certificate in KeyInfo does not carry the IdP certificate's subject, issuer and serial",
    );
  },
};

const trustedCertificateOtherKey: AttackVector = {
  id: 'trusted-certificate-other-key',
  title: "The IdP's own certificate in KeyInfo, the signature made with another key",
  expect: 'reject',
  bypassIdentity: 'attacker',
  signs: 'stranger',
  cites: ['SAML-SIGNATURE'],
  references: [
    'XML Signature 1.1 §3.2.2 (the SignatureValue is verified with the key, not the KeyInfo named)',
    'SAML 2.0 Profiles §4.1.4.3',
  ],
  async build(ctx) {
    const named = {
      ...ctx.strangerKey,
      certificatePem: ctx.idpKey.certificatePem,
      certificateBase64: ctx.idpKey.certificateBase64,
    };
    return {
      sends: [await attackerSignedBy(ctx, named)],
      description:
        `A response for ${ctx.attacker} whose ds:KeyInfo carries the IdP's own certificate, signed with a key the ` +
        'SP never saw. A vulnerable SP checks that KeyInfo names its IdP and stops there, never verifying the ' +
        'SignatureValue with the pinned key.',
    };
  },
  async check(ctx, built) {
    ensureSignedBy('trusted-certificate-other-key', ctx, built.sends, ctx.idpKey.certificateBase64);
  },
};

/** Key attacks. */
export const keyVectors: readonly AttackVector[] = [
  strangerKey,
  lookAlikeCertificate,
  trustedCertificateOtherKey,
];
