/**
 * The ACS steps on the assertion, strict, each reading only the element the signature steps
 * left (the verified one): ID and Issuer, Subject and a bearer confirmation meant for this ACS
 * and still valid, InResponseTo, Conditions (time window, audience), the AuthnStatement, one-time
 * use, and the identity it carries.
 * @see SAML 2.0 Profiles §4.1.4.2, §4.1.4.3, §4.1.4.5; Core §2.3.3, §2.4.1.2, §2.5.1
 */
import { BEARER } from './response.js';
import type { ResponseStep } from './response-state.js';
import { NS, SamlError, childElements, optionalChild } from './xml.js';
import { attribute, readVerified, text, time } from './assertion-reading.js';
import { checkIssuer } from './response-checks.js';

function subjectOf(assertion: Element): { subject: Element | undefined; nameId: Element | undefined } {
  const subject = optionalChild(assertion, NS.saml, 'Subject');
  return { subject, nameId: subject && optionalChild(subject, NS.saml, 'NameID') };
}

/** The assertion has an ID (the replay cache's key). @see SAML 2.0 Core §2.3.3 */
export const assertionId: ResponseStep = (state) => {
  const assertion = state.found('assertion');
  const id = attribute(assertion, 'ID');
  if (!id) throw new SamlError('malformed', 'The Assertion has no ID attribute (Core §2.3.3)');
  const version = attribute(assertion, 'Version');
  if (version !== '2.0')
    throw new SamlError(
      'malformed',
      `The Assertion has Version '${version ?? '(none)'}'; this SP reads SAML 2.0 only (Core §2.3.3)`,
    );
  state.set('assertionId', id);
};

/** The assertion's Issuer is the configured IdP. @see SAML 2.0 Profiles §4.1.4.2 */
export const assertionIssuer: ResponseStep = (state) => checkIssuer(state, state.found('assertion'), true);

/** The assertion has a Subject with a NameID. @see SAML 2.0 Profiles §4.1.4.2 */
export const subject: ResponseStep = (state) => {
  const { subject, nameId } = subjectOf(state.found('assertion'));
  if (!subject) throw new SamlError('subject-missing', 'The Assertion has no saml:Subject');
  if (!nameId) throw new SamlError('name-id-missing', 'The Assertion Subject has no saml:NameID');
};

/**
 * The bearer SubjectConfirmations in the running; at least one, each with its data.
 * @see SAML 2.0 Profiles §4.1.4.2
 */
export const subjectConfirmation: ResponseStep = (state) => {
  const bearers = bearersOf(state.found('assertion'));
  if (bearers.length === 0) {
    throw new SamlError(
      'subject-confirmation-missing',
      `The Assertion has no SubjectConfirmation with Method '${BEARER}' (Profiles §4.1.4.2)`,
    );
  }
  state.bearers = bearers.map((element) => {
    const data = optionalChild(element, NS.saml, 'SubjectConfirmationData');
    if (data) return { element, data };
    const refusal = new SamlError(
      'subject-confirmation-missing',
      'The bearer SubjectConfirmation has no SubjectConfirmationData (Profiles §4.1.4.2)',
    );
    return { element, data: undefined, refusal };
  });
};

/** The SubjectConfirmations whose Method is bearer. @see SAML 2.0 Profiles §4.1.4.2 */
export function bearersOf(assertion: Element): Element[] {
  const { subject } = subjectOf(assertion);
  return subject
    ? childElements(subject, NS.saml, 'SubjectConfirmation').filter(
        (confirmation) => attribute(confirmation, 'Method') === BEARER,
      )
    : [];
}

/** A bearer confirmation's Recipient is this ACS. @see SAML 2.0 Profiles §4.1.4.3 */
export const recipient: ResponseStep = (state) =>
  state.checkBearers((data) => {
    const recipient = attribute(data, 'Recipient');
    if (recipient !== state.policy.acsUrl) {
      throw new SamlError(
        'recipient-mismatch',
        `SubjectConfirmationData Recipient is '${recipient ?? '(none)'}' but this ACS is '${state.policy.acsUrl}'`,
      );
    }
  });

/**
 * A bearer confirmation has a NotOnOrAfter, and the clock is inside its window.
 * @see SAML 2.0 Profiles §4.1.4.2
 */
export const confirmationTime: ResponseStep = (state) =>
  state.checkBearers((data) => {
    const notOnOrAfter = time(data, 'NotOnOrAfter');
    if (!notOnOrAfter) {
      throw new SamlError(
        'subject-confirmation-missing',
        'The bearer SubjectConfirmationData has no NotOnOrAfter (required by Profiles §4.1.4.2)',
      );
    }
    state.window('SubjectConfirmationData', time(data, 'NotBefore'), notOnOrAfter);
  });

/**
 * The first bearer confirmation every check passed, or the first one's refusal. Its InResponseTo
 * decides; the Response's is used only when no confirmation was checked.
 * @see SAML 2.0 Profiles §4.1.4.3
 */
export const bearer: ResponseStep = (state) => {
  const chosen = state.bearers.find((bearer) => bearer.refusal === undefined);
  if (!chosen && state.bearers[0]) throw state.bearers[0].refusal;
  const data = chosen?.data;
  state.inResponseTo = data
    ? attribute(data, 'InResponseTo')
    : attribute(state.signedResponse ?? state.found('root'), 'InResponseTo');
  state.confirmedUntil = data && time(data, 'NotOnOrAfter');
};

/**
 * InResponseTo names an AuthnRequest this SP sent and still expects, or is absent where IdP-initiated login
 * is on.
 * @see SAML 2.0 Profiles §4.1.4.3
 */
export const inResponseTo: ResponseStep = (state) => {
  const value = state.inResponseTo;
  const responseValue = attribute(state.signedResponse ?? state.found('root'), 'InResponseTo');
  if (responseValue !== undefined && responseValue !== value) {
    throw new SamlError(
      'in-response-to-mismatch',
      `Response InResponseTo is '${responseValue}' but the assertion's SubjectConfirmationData says '${value ?? '(none)'}'`,
    );
  }
  if (value === undefined) {
    if (state.policy.allowUnsolicited) return;
    throw new SamlError(
      'unsolicited',
      'The Response has no InResponseTo (IdP-initiated) but this SP accepts only answers to its own AuthnRequests',
    );
  }
  if (!state.policy.outstandingRequests?.has(value)) {
    throw new SamlError(
      'in-response-to-mismatch',
      `InResponseTo is '${value}' but this SP has no outstanding AuthnRequest with that ID`,
    );
  }
};

/** The clock is inside the Conditions' NotBefore / NotOnOrAfter. @see SAML 2.0 Core §2.5.1.2 */
export const conditionsTime: ResponseStep = (state) => {
  const conditions = optionalChild(state.found('assertion'), NS.saml, 'Conditions');
  if (!conditions) return;
  const notOnOrAfter = time(conditions, 'NotOnOrAfter');
  state.window('Conditions', time(conditions, 'NotBefore'), notOnOrAfter);
};

/** Every AudienceRestriction names this SP. @see SAML 2.0 Core §2.5.1.4, Profiles §4.1.4.2 */
export const audience: ResponseStep = (state) => {
  const conditions = optionalChild(state.found('assertion'), NS.saml, 'Conditions');
  const restrictions = conditions ? childElements(conditions, NS.saml, 'AudienceRestriction') : [];
  const spEntityId = state.policy.spEntityId;
  if (restrictions.length === 0) {
    throw new SamlError(
      'audience-mismatch',
      `The Assertion has no AudienceRestriction but must name this SP '${spEntityId}' (Profiles §4.1.4.2)`,
    );
  }
  // Every AudienceRestriction must hold; within one, any Audience will do (Core §2.5.1.4).
  for (const restriction of restrictions) {
    const audiences = childElements(restriction, NS.saml, 'Audience').map((audience) => text(audience));
    if (!audiences.includes(spEntityId)) {
      throw new SamlError(
        'audience-mismatch',
        `Audience is '${audiences.join("', '") || '(none)'}' but this SP is '${spEntityId}'`,
      );
    }
  }
};

/** The assertion has an AuthnStatement. @see SAML 2.0 Profiles §4.1.4.2 */
export const authnStatement: ResponseStep = (state) => {
  if (!childElements(state.found('assertion'), NS.saml, 'AuthnStatement')[0]) {
    throw new SamlError(
      'authn-statement-missing',
      'The Assertion has no saml:AuthnStatement (Profiles §4.1.4.2)',
    );
  }
};

/**
 * The assertion ID was never used for a login here; it is remembered until it expires.
 * @see SAML 2.0 Profiles §4.1.4.5
 */
export const replay: ResponseStep = (state) => {
  const cache = state.policy.replayCache;
  if (!cache) return;
  const conditions = optionalChild(state.found('assertion'), NS.saml, 'Conditions');
  const expiries = [conditions && time(conditions, 'NotOnOrAfter'), state.confirmedUntil];
  const latest = Math.max(state.now, ...expiries.map((date) => date?.getTime() ?? state.now));
  const id = state.found('assertionId');
  if (cache.seen(id, new Date(latest + state.skewMs))) {
    throw new SamlError('replay', `Assertion '${id}' was already used for a login at this SP`);
  }
};

/**
 * NameID and attributes, read from the verified assertion only.
 * @see docs/conformance.md "SAML 2.0" (read identity from the signed element)
 */
export const readIdentity: ResponseStep = (state) => {
  const assertion = state.found('assertion');
  state.set('identity', readVerified(assertion, subjectOf(assertion).nameId));
};

/** The NameID of the assertion's Subject, if it has one. @see SAML 2.0 Core §2.4.1 */
export function nameIdOf(assertion: Element): Element | undefined {
  return subjectOf(assertion).nameId;
}
