/**
 * Validly signed responses that lack an element a Web SSO assertion must carry: removed before the IdP key
 * signs, so the signature is valid and only the content check can refuse them.
 * @see SAML 2.0 Profiles §4.1.4.2 (assertion content: Subject, bearer SubjectConfirmation, AuthnStatement)
 */
import { NS, childElements } from '#harness/saml';
import { defectsOf, type Property } from './conditions.js';
import { assertionOf, editThenSign, prepare, responseOf } from './dom.js';
import {
  ASSERTION_PARTS,
  assertionIn,
  ensure,
  ensureSignedInPlace,
  onlySend,
  partsOf,
  type AssertionPart,
} from './inspect.js';
import type { AttackVector, AttackVectorId } from './types.js';

interface MissingSpec {
  id: Extract<AttackVectorId, `missing-${string}`>;
  /** The element removed, as the report names it. */
  element: string;
  /** Removes it from the assertion. */
  remove(assertion: Element): void;
  /** The parts of the Subject/statement structure that go with it (all absent after the removal, the rest present). */
  gone: readonly AssertionPart[];
  /** Checks that go with the removed element and so cannot hold any more. */
  lost: readonly Property[];
  vulnerable: string;
}

function removeAll(parent: Element | undefined, localName: string): void {
  for (const child of parent ? childElements(parent, NS.saml, localName) : []) parent?.removeChild(child);
}

const subjectOf = (assertion: Element): Element | undefined =>
  childElements(assertion, NS.saml, 'Subject')[0];

const SPECS: readonly MissingSpec[] = [
  {
    id: 'missing-subject',
    element: 'saml:Subject',
    remove: (assertion) => removeAll(assertion, 'Subject'),
    gone: ['Subject', 'NameID', 'SubjectConfirmation'],
    lost: ['recipient'],
    vulnerable: 'takes the identity from an attribute (or defaults it) without a Subject to confirm',
  },
  {
    id: 'missing-nameid',
    element: 'saml:NameID',
    remove: (assertion) => removeAll(subjectOf(assertion), 'NameID'),
    gone: ['NameID'],
    lost: [],
    vulnerable: 'falls back to an attribute (email) for the identity, or logs in an empty one',
  },
  {
    id: 'missing-subject-confirmation',
    element: 'saml:SubjectConfirmation',
    remove: (assertion) => removeAll(subjectOf(assertion), 'SubjectConfirmation'),
    gone: ['SubjectConfirmation'],
    lost: ['recipient'],
    vulnerable:
      'never looks for the bearer confirmation, so Recipient, NotOnOrAfter and InResponseTo go unchecked',
  },
  {
    id: 'missing-authn-statement',
    element: 'saml:AuthnStatement',
    remove: (assertion) => removeAll(assertion, 'AuthnStatement'),
    gone: ['AuthnStatement'],
    lost: [],
    vulnerable: 'logs the subject in from an assertion that says nothing about an authentication',
  },
];

function missingVector(spec: MissingSpec): AttackVector {
  return {
    id: spec.id,
    title: `Missing ${spec.element}: a validly signed assertion without it`,
    expect: 'reject',
    bypassIdentity: 'victim',
    signs: 'as-legit',
    cites: [spec.id === 'missing-authn-statement' ? 'SAML-AUTHN-STATEMENT' : 'SAML-SUBJECT'],
    references: ['SAML 2.0 Profiles §4.1.4.2', 'SAML 2.0 Core §2.4.1 (Subject), §2.7.2 (AuthnStatement)'],
    async build(ctx) {
      const prepared = await prepare(ctx, ctx.victim);
      const xml = editThenSign(prepared, ctx.idpKey, (doc) => spec.remove(assertionOf(responseOf(doc))));
      return {
        sends: [xml],
        description:
          `A response for ${ctx.victim} from which ${spec.element} was removed before the IdP key signed it, so the ` +
          `signature is valid. A vulnerable SP ${spec.vulnerable}.`,
      };
    },
    async check(ctx, built) {
      const { doc } = onlySend(spec.id, built.sends);
      ensureSignedInPlace(spec.id, doc, ctx.idpKey);
      const response = doc.documentElement!;
      const assertion = assertionIn(spec.id, response);
      const present = partsOf(assertion);
      for (const part of ASSERTION_PARTS) {
        const wanted = !spec.gone.includes(part);
        ensure(
          present.has(part) === wanted,
          spec.id,
          `the assertion ${wanted ? 'lacks' : 'still has'} saml:${part}`,
        );
      }
      const unexpected = [...defectsOf(spec.id, ctx, response)].filter(
        (defect) => !spec.lost.includes(defect),
      );
      ensure(unexpected.length === 0, spec.id, `the message is also wrong in [${unexpected.join(', ')}]`);
    },
  };
}

/** The missing-element vectors. */
export const missingVectors: readonly AttackVector[] = SPECS.map(missingVector);
