import { beforeAll, expect, it } from 'vitest';
import { attackVectors, VectorCheckError, type AttackVector, type AttackVectorId } from './index.js';
import { SETUPS, contextFor, loadKeys, type Keys } from './test-support.js';

const setup = SETUPS[0]!;
let keys: Keys;
beforeAll(async () => {
  keys = await loadKeys();
});

const cases = attackVectors.map((vector) => [vector.id, vector] as [string, AttackVector]);

async function refusal(
  vector: AttackVector,
  sends: string[],
  ctx = contextFor(setup, keys),
): Promise<unknown> {
  try {
    await vector.check(ctx, { sends });
    return undefined;
  } catch (error) {
    return error;
  }
}

// The legitimate message itself: only where it goes (in the clear, to an SP that takes encrypted assertions
// only) makes it an attack, so its check accepts a legitimate response by design.
const LEGITIMATE_MESSAGE: ReadonlySet<string> = new Set(['unencrypted-assertion']);

it.each(cases.filter(([id]) => !LEGITIMATE_MESSAGE.has(id)))(
  '%s check refuses the legitimate response it was not given an attack',
  async (_id, vector) => {
    const ctx = contextFor(setup, keys);
    const legit = (await ctx.legit(ctx.victim)).xml;
    const error = await refusal(vector, [legit]);
    expect(error).toBeInstanceOf(VectorCheckError);
    expect(error).toMatchObject({ code: 'SAML_VECTOR_INVALID', vector: vector.id });
  },
);

it('replay check refuses two different responses', async () => {
  const ctx = contextFor(setup, keys);
  const [first, second] = await Promise.all([ctx.legit(ctx.victim), ctx.legit(ctx.victim)]);
  const replay = attackVectors.find((vector) => vector.id === 'replay')!;
  expect(await refusal(replay, [first.xml, second.xml])).toBeInstanceOf(VectorCheckError);
});

it('a check refuses nothing but a message that is not XML', async () => {
  for (const vector of attackVectors) {
    expect(await refusal(vector, ['not xml'])).toBeInstanceOf(VectorCheckError);
  }
});

// Pairs whose messages have the same shape, so each check accepts the other's: an unsigned assertion for the
// attacker before the signed one (XSW3 copies the signed one, two-assertions-before takes a fresh one), and an
// InResponseTo the SP never issued (whether or not the scenario has a request outstanding).
const SAME_SHAPE: ReadonlySet<string> = new Set([
  'xsw3<-two-assertions-before',
  'two-assertions-before<-xsw3',
  'in-response-to-unsolicited<-in-response-to-mismatch',
  'in-response-to-mismatch<-in-response-to-unsolicited',
]);

it('each check refuses every other vector’s message', { timeout: 120_000 }, async () => {
  const ctx = contextFor(setup, keys);
  const built = new Map<AttackVectorId, string[]>();
  for (const vector of attackVectors) built.set(vector.id, (await vector.build(ctx)).sends);
  const accepted: string[] = [];
  for (const vector of attackVectors) {
    for (const [other, sends] of built) {
      if (other === vector.id || SAME_SHAPE.has(`${vector.id}<-${other}`)) continue;
      const error = await refusal(vector, sends, ctx);
      if (!(error instanceof VectorCheckError)) accepted.push(`${vector.id} <- ${other}: ${String(error)}`);
    }
  }
  expect(accepted).toEqual([]);
});
