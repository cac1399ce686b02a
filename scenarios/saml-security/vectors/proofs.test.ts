// The vectors are real: a vulnerable SP (the strict ACS check with one fault switch on, or the classic
// xml-crypto usage the literature broke) logs in the identity each vector claims it would.
import { beforeAll, expect, it } from 'vitest';
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import {
  NS,
  childElements,
  parseXml,
  validateResponse,
  type ResponsePolicy,
  type SamlCheck,
  type ValidatedLogin,
} from '#harness';
import { assertionOf, dsChild, elementsWithId, responseOf, signatureOf } from './dom.js';
import {
  attackVector,
  ownedIdentity,
  WRAPPING_FOOLS,
  type AttackVectorId,
  type VectorContext,
} from './index.js';
import { digestOf, naiveRead, signedCopies, signedInfoVerifies } from './inspect.js';
import { SETUPS, contextFor, loadKeys, strictPolicy, type Keys } from './test-support.js';

const setup = SETUPS[0]!;
let keys: Keys;
let ctx: VectorContext;
beforeAll(async () => {
  keys = await loadKeys();
  ctx = contextFor(setup, keys);
});

/** Who got logged in: the NameID, or the email attribute when there is no NameID to read. */
function identity(login: ValidatedLogin): string | undefined {
  return login.nameId || login.attributes.email?.[0];
}

interface FaultCase {
  id: AttackVectorId;
  skip: SamlCheck[];
  policy?: Partial<ResponsePolicy>;
  logsIn: 'attacker' | 'victim';
}

// One row per vector that validateResponse's fault switches can reproduce. XSW1–8, two-signedinfo,
// comment-in-digest, two-assertions-before, two-roots* and doctype-* cannot be: verifyElementSignature insists on
// the signature's parent being the referenced element and parseXml refuses DTDs and second roots before any
// check runs; those vectors are proven with the models further down.
const FAULT_CASES: FaultCase[] = [
  { id: 'signature-stripped', skip: ['signature'], logsIn: 'attacker' },
  { id: 'stranger-key-keyinfo', skip: ['pinned-certificate'], logsIn: 'attacker' },
  { id: 'comment-split-nameid', skip: ['read-verified-node'], logsIn: 'attacker' },
  { id: 'sha1-under-sha256', skip: ['algorithm'], logsIn: 'victim' },
  {
    id: 'unsigned-assertion-in-signed-response',
    skip: [],
    policy: { requireSigned: 'either' },
    logsIn: 'victim',
  },
  // The 'single-assertion' switch reads the first assertion, here the signed one: it shows the SP accepts two
  // assertions, not the bypass (that needs an SP reading the later one).
  { id: 'two-assertions', skip: ['single-assertion'], logsIn: 'victim' },
  { id: 'replay', skip: ['replay'], logsIn: 'victim' },
  { id: 'expired', skip: ['time-window'], logsIn: 'victim' },
  { id: 'not-yet-valid', skip: ['time-window'], logsIn: 'victim' },
  { id: 'wrong-audience', skip: ['audience'], logsIn: 'victim' },
  { id: 'wrong-recipient', skip: ['recipient'], logsIn: 'victim' },
  { id: 'wrong-destination', skip: ['destination'], logsIn: 'victim' },
  { id: 'wrong-issuer', skip: ['issuer'], logsIn: 'victim' },
  { id: 'in-response-to-unsolicited', skip: ['in-response-to'], logsIn: 'victim' },
  { id: 'in-response-to-mismatch', skip: ['in-response-to'], logsIn: 'victim' },
  { id: 'status-not-success', skip: ['status'], logsIn: 'victim' },
  { id: 'missing-subject', skip: ['subject'], logsIn: 'victim' },
  { id: 'missing-nameid', skip: ['subject'], logsIn: 'victim' },
  { id: 'missing-subject-confirmation', skip: ['subject'], logsIn: 'victim' },
  { id: 'missing-authn-statement', skip: ['authn-statement'], logsIn: 'victim' },
];

it.each(
  FAULT_CASES.map(
    (row) => [row.id, row.skip.join('+') || JSON.stringify(row.policy), row.logsIn, row] as const,
  ),
)('%s is accepted by validateResponse with %s, logging in the %s', async (_id, _skip, _who, row) => {
  const vector = attackVector(row.id);
  const built = await vector.build(ctx);
  const policy = strictPolicy(setup, keys, { skip: new Set(row.skip), ...row.policy });
  let login: ValidatedLogin | undefined;
  for (const send of built.sends) login = await validateResponse(send, policy);
  expect(vector.bypassIdentity === row.logsIn || row.id === 'two-assertions').toBe(true);
  expect(identity(login!)).toBe(row.logsIn === 'attacker' ? ctx.attacker : ctx.victim);
});

it('comment-split-nameid is refused by the strict check', async () => {
  const vector = attackVector('comment-split-nameid');
  await expect(
    validateResponse((await vector.build(ctx)).sends[0]!, strictPolicy(setup, keys)),
  ).rejects.toMatchObject({ reason: 'malformed' });
  expect(vector.signedIdentity?.(ctx)).toBe(ownedIdentity(ctx));
});

/**
 * The SP the wrapping literature broke: the first ds:Signature in the document verified with the pinned key
 * by xml-crypto (which resolves the Reference wherever it points), identity read from the original document.
 */
function classicXmlCryptoSpVerifies(xml: string): boolean {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const verifier = new SignedXml({ publicCert: keys.idpKey.certificatePem });
  verifier.loadSignature(doc.getElementsByTagNameNS(NS.ds, 'Signature').item(0)!);
  return verifier.checkSignature(xml);
}

it.each(['xsw1', 'xsw2', 'xsw3', 'xsw4', 'xsw5', 'xsw6'] as const)(
  '%s passes xml-crypto signature verification and its naive readers get the attacker',
  async (id) => {
    const xml = (await attackVector(id).build(ctx)).sends[0]!;
    expect(classicXmlCryptoSpVerifies(xml)).toBe(true);
    const doc = parseXml(xml);
    expect(WRAPPING_FOOLS[id]!.length).toBeGreaterThan(0);
    for (const read of WRAPPING_FOOLS[id]!) expect(naiveRead(doc, read)).toBe(ctx.attacker);
  },
);

it.each(['xsw7', 'xsw8'] as const)(
  '%s is refused by xml-crypto for its duplicated ID but verifies where the ID resolves to its last holder',
  async (id) => {
    const xml = (await attackVector(id).build(ctx)).sends[0]!;
    expect(() => classicXmlCryptoSpVerifies(xml)).toThrow(/same value for the ID/);
    const doc = parseXml(xml);
    const [copy] = signedCopies(doc, keys.idpKey);
    expect(copy).toBeDefined();
    expect(elementsWithId(doc, copy!.id).at(-1)).toBe(copy!.element);
    for (const read of WRAPPING_FOOLS[id]!) expect(naiveRead(doc, read)).toBe(ctx.attacker);
  },
);

it.each([
  ['two-assertions-before', 0],
  ['two-assertions', 1],
] as const)(
  '%s passes xml-crypto verification and the forged assertion is the one at index %i',
  async (id, index) => {
    const xml = (await attackVector(id).build(ctx)).sends[0]!;
    expect(classicXmlCryptoSpVerifies(xml)).toBe(true);
    const assertions = childElements(parseXml(xml).documentElement!, NS.saml, 'Assertion');
    expect(signatureOf(assertions[index]!)).toBeUndefined();
    expect(assertions[index]!.getElementsByTagNameNS(NS.saml, 'NameID').item(0)?.textContent).toBe(
      ctx.attacker,
    );
  },
);

it('comment-in-digest is refused by xml-crypto 6 but its first DigestValue child matches the forged assertion', async () => {
  const xml = (await attackVector('comment-in-digest').build(ctx)).sends[0]!;
  // It canonicalizes SignedInfo before reading DigestValue, so the comment is gone and the digest mismatches.
  expect(classicXmlCryptoSpVerifies(xml)).toBe(false);
  // What xml-crypto before 6.0.1 compared: the DigestValue's first child's data, against the assertion as sent.
  const assertion = assertionOf(responseOf(parseXml(xml)));
  const signature = signatureOf(assertion)!;
  const signedInfo = dsChild(signature, 'SignedInfo')!;
  const digestValue = dsChild(dsChild(signedInfo, 'Reference')!, 'DigestValue')!;
  expect((digestValue.firstChild as Comment).data).toBe(digestOf(assertion));
  expect(signedInfoVerifies(signature, signedInfo, keys.idpKey)).toBe(true);
});

it('two-signedinfo is refused by xml-crypto 6 but each SignedInfo holds up on its own', async () => {
  const xml = (await attackVector('two-signedinfo').build(ctx)).sends[0]!;
  expect(() => classicXmlCryptoSpVerifies(xml)).toThrow(/multiple SignedInfo/);
  await attackVector('two-signedinfo').check(ctx, { sends: [xml] });
});

it('digests and SignedInfo signatures as the helpers compute them match what the IdP signed', async () => {
  const legit = parseXml((await ctx.legit(ctx.victim)).xml);
  const assertion = assertionOf(responseOf(legit));
  const signature = signatureOf(assertion)!;
  const signedInfo = dsChild(signature, 'SignedInfo')!;
  expect(dsChild(dsChild(signedInfo, 'Reference')!, 'DigestValue')!.textContent).toBe(digestOf(assertion));
  expect(signedInfoVerifies(signature, signedInfo, keys.idpKey)).toBe(true);
  expect(signedInfoVerifies(signature, signedInfo, keys.strangerKey)).toBe(false);
});
