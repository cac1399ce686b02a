/**
 * The SP side's ACS check: a list of named steps, strict, run in order over one shared state
 * by a small runner; identity is read only from the verified element. Nothing weakens it: a
 * mock SP's fault runs the same list with one step replaced by a vulnerable variant
 * (vulnerable.ts, which nothing here imports).
 * @see SAML 2.0 Profiles §4.1.4.3 (Response processing rules), Core §2.4.1.2, §2.5.1, §3.2.2;
 *   docs/conformance.md "SAML 2.0", "Verdicts"; docs/decisions/0012-faults-wrap.md
 */
import { attribute, text } from './assertion-reading.js';
import {
  assertionId,
  assertionIssuer,
  audience,
  authnStatement,
  bearer,
  conditionsTime,
  confirmationTime,
  inResponseTo,
  nameIdOf,
  readIdentity,
  recipient,
  replay,
  subject,
  subjectConfirmation,
} from './assertion-checks.js';
import type { ResponsePolicy, ValidatedLogin } from './response-policy.js';
import {
  assertionSignature,
  decrypt,
  destination,
  nameIdText,
  parse,
  responseIssuer,
  responseSignature,
  selectAssertion,
  selectSignedAssertion,
  signatureTrust,
  status,
} from './response-checks.js';
import { ResponseState, type ResponseStep } from './response-state.js';
import { NS, childElements, optionalChild } from './xml.js';

export { ReplayCache } from './replay-cache.js';
export type { ResponsePolicy, ValidatedLogin } from './response-policy.js';

/**
 * The ACS check's steps, in the order they run.
 * @see SAML 2.0 Profiles §4.1.4.3
 */
export const RESPONSE_STEP_NAMES = [
  'parse',
  'status',
  'response-issuer',
  'destination',
  'select-assertion',
  'signature-trust',
  'response-signature',
  'select-signed-assertion',
  'decrypt',
  'name-id-text',
  'assertion-signature',
  'assertion-id',
  'assertion-issuer',
  'subject',
  'subject-confirmation',
  'recipient',
  'confirmation-time',
  'bearer',
  'in-response-to',
  'conditions-time',
  'audience',
  'authn-statement',
  'replay',
  'read-identity',
] as const;

/** The name of one step of the ACS check. @see SAML 2.0 Profiles §4.1.4.3 */
export type ResponseStepName = (typeof RESPONSE_STEP_NAMES)[number];

/**
 * A whole list of ACS steps, one per name; a fault replaces some of them.
 * @see docs/decisions/0012-faults-wrap.md
 */
export type ResponseSteps = Readonly<Record<ResponseStepName, ResponseStep>>;

/** The strict ACS check, step by step. @see SAML 2.0 Profiles §4.1.4.3, docs/conformance.md "SAML 2.0" */
export const RESPONSE_STEPS: ResponseSteps = {
  parse,
  status,
  'response-issuer': responseIssuer,
  destination,
  'select-assertion': selectAssertion,
  'signature-trust': signatureTrust,
  'response-signature': responseSignature,
  'select-signed-assertion': selectSignedAssertion,
  decrypt,
  'name-id-text': nameIdText,
  'assertion-signature': assertionSignature,
  'assertion-id': assertionId,
  'assertion-issuer': assertionIssuer,
  subject,
  'subject-confirmation': subjectConfirmation,
  recipient,
  'confirmation-time': confirmationTime,
  bearer,
  'in-response-to': inResponseTo,
  'conditions-time': conditionsTime,
  audience,
  'authn-statement': authnStatement,
  replay,
  'read-identity': readIdentity,
};

/**
 * Runs `steps` in {@link RESPONSE_STEP_NAMES} order over a Response posted to the ACS; throws the
 * first step's SamlError, or returns what was read from the verified element.
 * @see SAML 2.0 Profiles §4.1.4.3
 */
export async function runResponseSteps(
  steps: ResponseSteps,
  xml: string,
  policy: ResponsePolicy,
): Promise<ValidatedLogin> {
  const state = new ResponseState(xml, policy);
  for (const name of RESPONSE_STEP_NAMES) await steps[name](state);
  const assertion = state.found('assertion');
  const nameId = nameIdOf(assertion);
  const authn = childElements(assertion, NS.saml, 'AuthnStatement')[0];
  return {
    ...state.found('identity'),
    nameIdFormat: nameId ? attribute(nameId, 'Format') : undefined,
    sessionIndex: authn ? attribute(authn, 'SessionIndex') : undefined,
    assertionId: state.found('assertionId'),
    inResponseTo: state.inResponseTo,
    issuer: text(optionalChild(assertion, NS.saml, 'Issuer')),
  };
}

/**
 * Validates a Response posted to the ACS with the strict steps; throws SamlError with the refusal
 * reason, returns only what was read from the verified element.
 * @see SAML 2.0 Profiles §4.1.4.3, §4.1.4.5; docs/conformance.md "SAML 2.0"
 */
export function validateResponse(xml: string, policy: ResponsePolicy): Promise<ValidatedLogin> {
  return runResponseSteps(RESPONSE_STEPS, xml, policy);
}
