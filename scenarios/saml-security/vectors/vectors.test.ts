import { beforeAll, describe, expect, it } from 'vitest';
import { SamlError, validateResponse } from '#harness/saml';
import { ATTACK_VECTOR_IDS, attackVectors, type AttackVector } from './index.js';
import { SETUPS, contextFor, loadKeys, strictPolicy, type Keys } from './test-support.js';

let keys: Keys;
beforeAll(async () => {
  keys = await loadKeys();
});

const cases = attackVectors.map((vector) => [vector.id, vector] as [string, AttackVector]);

it('lists every vector once, in catalogue order', () => {
  expect(attackVectors.map((vector) => vector.id)).toEqual([...ATTACK_VECTOR_IDS]);
  for (const vector of attackVectors) {
    expect(vector.expect).toBe('reject');
    expect(vector.cites.length).toBeGreaterThan(0);
    expect(vector.title).not.toBe('');
  }
});

describe.each(SETUPS)('IdP signing $name', (setup) => {
  it.each(cases)('%s passes its own check and a careful SP refuses it', async (_id, vector) => {
    const ctx = contextFor(setup, keys);
    if (vector.requires?.inResponseTo && ctx.inResponseTo === undefined) {
      await expect(vector.build(ctx)).rejects.toThrow(TypeError);
      return;
    }
    const built = await vector.build(ctx);
    expect(built.description).not.toBe('');
    await vector.check(ctx, built);

    // An SP that takes encrypted assertions only is the one unencrypted-assertion is aimed at.
    const policy = vector.requires?.encryption
      ? { ...strictPolicy(setup, keys), requireEncryptedAssertion: true, decryptionKey: keys.spKey }
      : strictPolicy(setup, keys);
    for (const earlier of built.sends.slice(0, -1)) {
      // Only 'replay' sends twice: its first send is the legitimate login.
      expect((await validateResponse(earlier, policy)).nameId).toBe(ctx.victim);
    }
    const last = built.sends.at(-1)!;
    if (vector.requires?.signedAssertion && policy.requireSigned === 'response') {
      // Legitimate for an SP that asks only for a signed Response: the scenario records not-applicable.
      expect((await validateResponse(last, policy)).nameId).toBe(ctx.victim);
      return;
    }
    if (vector.signedIdentity) {
      // comment-split-nameid: validateResponse reads the verified (canonical) NameID whole and logs in the value
      // the IdP signed; docs/conformance.md "SAML 2.0" asks for a refusal. Either way the attacker is never logged in.
      const outcome = await validateResponse(last, policy).then(
        (login) => login.nameId,
        (error: unknown) => error,
      );
      if (typeof outcome === 'string') expect(outcome).toBe(vector.signedIdentity(ctx));
      else expect(outcome).toBeInstanceOf(SamlError);
      return;
    }
    await expect(validateResponse(last, policy)).rejects.toBeInstanceOf(SamlError);
  });

  it.each(cases)('%s builds fresh IDs on every call', async (_id, vector) => {
    const ctx = contextFor(setup, keys);
    if (vector.requires?.inResponseTo && ctx.inResponseTo === undefined) return;
    const [first, second] = await Promise.all([vector.build(ctx), vector.build(ctx)]);
    expect(first.sends.at(-1)).not.toBe(second.sends.at(-1));
  });
});
