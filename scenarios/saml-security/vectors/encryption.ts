/**
 * Attacks that exist only where the SP takes encrypted assertions only: the legitimate assertion
 * sent in the clear. The signature is genuine, so nothing is forged; what the SP gives up is the
 * confidentiality it asked for (the assertion's attributes readable in the browser, its history
 * and any proxy on the way).
 * @see SAML 2.0 Core §2.3.4 (EncryptedAssertion), §6.1; SAML 2.0 Profiles §4.1.4.2
 */
import { ensureVictimLogin } from './conditions.js';
import { parseOwn, signingPlanOf } from './dom.js';
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

/** Encryption attacks. */
export const encryptionVectors: readonly AttackVector[] = [unencryptedAssertion];
