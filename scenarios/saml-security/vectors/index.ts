// The saml-security attack vectors: each builds fresh malicious messages from a legitimate response and
// checks itself before it is sent. The scenarios post them and judge who got logged in (docs/conformance.md "Verdicts").

import { conditionVectors } from './conditions.js';
import { encryptionVectors } from './encryption.js';
import { keyVectors } from './keys.js';
import { missingVectors } from './missing.js';
import { signatureVectors } from './signature.js';
import { structureVectors } from './structure.js';
import { ATTACK_VECTOR_IDS, type AttackVector, type AttackVectorId } from './types.js';
import { wrappingVectors } from './wrapping.js';

// Contract
export { ATTACK_VECTOR_IDS, VectorCheckError } from './types.js';
export type {
  AttackVector,
  AttackVectorId,
  BuiltVector,
  LegitResponse,
  SignedElement,
  VectorContext,
} from './types.js';

// Values the vectors use, for scenarios that explain or set up around them
export { DEFAULT_EXTERNAL_ENTITY_URL, ENTITY_NAME, OWNED_SUFFIX, ownedIdentity } from './structure.js';
export { ELSEWHERE, INSANE_SKEW_MS } from './conditions.js';
export { WRAPPING_FOOLS } from './wrapping.js';
export type { NaiveRead } from './inspect.js';

const byId = new Map<AttackVectorId, AttackVector>(
  [
    ...wrappingVectors,
    ...signatureVectors,
    ...keyVectors,
    ...encryptionVectors,
    ...structureVectors,
    ...conditionVectors,
    ...missingVectors,
  ].map((vector) => [vector.id, vector]),
);

/** Every attack vector, in catalogue order (ATTACK_VECTOR_IDS). @see docs/conformance.md "SAML 2.0" */
export const attackVectors: readonly AttackVector[] = ATTACK_VECTOR_IDS.map((id) => {
  const vector = byId.get(id);
  if (!vector) throw new Error(`attack vector '${id}' is listed in ATTACK_VECTOR_IDS but not defined`);
  return vector;
});

/** The vector with this ID. */
export function attackVector(id: AttackVectorId): AttackVector {
  return byId.get(id)!;
}
