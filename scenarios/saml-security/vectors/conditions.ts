/**
 * Validly signed but wrong messages: the IdP really signed them, for the victim, but an SP must still refuse
 * them because of when, where, for whom or in answer to what they were issued. A vulnerable SP logs the victim in.
 * @see SAML 2.0 Profiles §4.1.4.3 (Response processing rules), §4.1.4.5 (one-time use), Core §2.5.1 (Conditions),
 *   §3.2.2 (Destination, InResponseTo, Status)
 */
import type { CoreRequirementId } from '#harness/requirements';
import { NS, STATUS_SUCCESS, childElements, newSamlId, serialize, type ResponseInput } from '#harness/saml';
import { nameIdOf, prepare } from './dom.js';
import {
  assertionIn,
  ensure,
  ensureComplete,
  ensureSignedInPlace,
  nameIdText,
  onlySend,
  parseBuilt,
} from './inspect.js';
import type { AttackVector, AttackVectorId, VectorContext } from './types.js';

/** A message property a careful SP checks. */
export type Property =
  'issuer' | 'audience' | 'recipient' | 'destination' | 'time' | 'status' | 'in-response-to';

const STATUS_RESPONDER = 'urn:oasis:names:tc:SAML:2.0:status:Responder';
/** Another SP, another ACS, another IdP: where the wrong values come from. */
export const ELSEWHERE = {
  spEntityId: 'https://other-sp.example/saml/metadata',
  acsUrl: 'https://other-sp.example/saml/acs',
  idpEntityId: 'https://other-idp.example/saml2/other-app',
} as const;
const HOUR_MS = 3_600_000;
/** More than any sane clock skew: what 'expired' and 'not-yet-valid' stay clear of. */
export const INSANE_SKEW_MS = 10 * 60_000;

function attribute(element: Element | undefined, name: string): string | undefined {
  return element?.hasAttribute(name) ? (element.getAttribute(name) ?? '') : undefined;
}

function time(element: Element | undefined, name: string): number | undefined {
  const value = attribute(element, name);
  return value === undefined ? undefined : new Date(value).getTime();
}

/**
 * The properties of a Response that a careful SP would refuse it for, judged against `ctx` at `ctx.now`
 * (no clock skew at all, so a correct message has none and a wrong one shows its defect).
 */
export function defectsOf(vector: string, ctx: VectorContext, response: Element): Set<Property> {
  const defects = new Set<Property>();
  const assertion = assertionIn(vector, response);
  const subject = childElements(assertion, NS.saml, 'Subject')[0];
  const confirmations = subject ? childElements(subject, NS.saml, 'SubjectConfirmation') : [];
  const data = confirmations.map(
    (confirmation) => childElements(confirmation, NS.saml, 'SubjectConfirmationData')[0],
  );
  const conditions = childElements(assertion, NS.saml, 'Conditions')[0];
  const now = ctx.now.getTime();

  const issuers = [response, assertion].flatMap((element) => childElements(element, NS.saml, 'Issuer'));
  if (issuers.some((issuer) => (issuer.textContent ?? '').trim() !== ctx.idpEntityId)) defects.add('issuer');
  const audiences = (conditions ? childElements(conditions, NS.saml, 'AudienceRestriction') : []).map(
    (restriction) =>
      childElements(restriction, NS.saml, 'Audience').map((audience) => (audience.textContent ?? '').trim()),
  );
  if (audiences.length === 0 || audiences.some((list) => !list.includes(ctx.spEntityId)))
    defects.add('audience');
  if (data.some((item) => attribute(item, 'Recipient') !== ctx.acsUrl)) defects.add('recipient');
  const destination = attribute(response, 'Destination');
  if (destination !== undefined && destination !== ctx.acsUrl) defects.add('destination');
  const notBefore = [time(conditions, 'NotBefore'), ...data.map((item) => time(item, 'NotBefore'))];
  const notOnOrAfter = [time(conditions, 'NotOnOrAfter'), ...data.map((item) => time(item, 'NotOnOrAfter'))];
  if (
    notBefore.some((at) => at !== undefined && at > now) ||
    notOnOrAfter.some((at) => at !== undefined && at <= now)
  ) {
    defects.add('time');
  }
  const status = response.getElementsByTagNameNS(NS.samlp, 'StatusCode').item(0);
  if (attribute(status ?? undefined, 'Value') !== STATUS_SUCCESS) defects.add('status');
  const answered = [
    attribute(response, 'InResponseTo'),
    ...data.map((item) => attribute(item, 'InResponseTo')),
  ];
  if (answered.some((value) => value !== undefined && value !== ctx.inResponseTo))
    defects.add('in-response-to');
  return defects;
}

/** Fails unless the message's defects are exactly `expected`. */
export function ensureDefects(
  vector: string,
  ctx: VectorContext,
  response: Element,
  expected: readonly Property[],
): void {
  const found = [...defectsOf(vector, ctx, response)].sort();
  const wanted = [...expected].sort();
  ensure(
    found.join() === wanted.join(),
    vector,
    `the message must be wrong in [${wanted.join(', ') || 'nothing'}] only, but is wrong in [${found.join(', ') || 'nothing'}]`,
  );
}

/**
 * Fails unless `doc` is a login of the victim wrong in nothing: no defect, every part of the
 * assertion present, signed in place by the IdP key. Returns its Response and assertion.
 */
export function ensureVictimLogin(
  vector: string,
  ctx: VectorContext,
  doc: Document,
): { response: Element; assertion: Element } {
  const response = doc.documentElement!;
  const assertion = assertionIn(vector, response);
  ensureDefects(vector, ctx, response, []);
  ensureComplete(vector, assertion);
  ensureSignedInPlace(vector, doc, ctx.idpKey);
  ensure(nameIdText(assertion) === ctx.victim, vector, 'the NameID is not the victim');
  return { response, assertion };
}

interface WrongSpec {
  id: Extract<
    AttackVectorId,
    'expired' | 'not-yet-valid' | `wrong-${string}` | `in-response-to-${string}` | 'status-not-success'
  >;
  title: string;
  defect: Property;
  cites: CoreRequirementId[];
  references: string[];
  requires?: { inResponseTo: true };
  overrides(ctx: VectorContext): Partial<ResponseInput>;
  /** Further facts the check asserts beyond the defect set (e.g. how far outside the window). */
  verify?(ctx: VectorContext, response: Element): string | undefined;
  vulnerable: string;
}

const SPECS: readonly WrongSpec[] = [
  {
    id: 'expired',
    title: 'Expired: NotOnOrAfter an hour past',
    defect: 'time',
    cites: ['SAML-TIME'],
    references: ['SAML 2.0 Core §2.5.1.2 (NotOnOrAfter)', 'SAML 2.0 Profiles §4.1.4.3'],
    overrides: (ctx) => ({
      now: new Date(ctx.now.getTime() - HOUR_MS),
      lifetimeSeconds: 300,
      notBeforeSkewSeconds: 300,
    }),
    verify(ctx, response) {
      const assertion = assertionIn('expired', response);
      const limits = [
        ...Array.from(assertion.getElementsByTagNameNS(NS.saml, 'Conditions')),
        ...Array.from(assertion.getElementsByTagNameNS(NS.saml, 'SubjectConfirmationData')),
      ].map((element) => time(element, 'NotOnOrAfter'));
      return limits.every((at) => at !== undefined && at <= ctx.now.getTime() - INSANE_SKEW_MS)
        ? undefined
        : 'every NotOnOrAfter must lie more than 10 minutes in the past';
    },
    vulnerable: 'does not check NotOnOrAfter (or allows an unbounded clock skew)',
  },
  {
    id: 'not-yet-valid',
    title: 'Not yet valid: NotBefore almost an hour ahead',
    defect: 'time',
    cites: ['SAML-TIME'],
    references: ['SAML 2.0 Core §2.5.1.2 (NotBefore)', 'SAML 2.0 Profiles §4.1.4.3'],
    overrides: (ctx) => ({
      now: new Date(ctx.now.getTime() + HOUR_MS),
      lifetimeSeconds: 300,
      notBeforeSkewSeconds: 300,
    }),
    verify(ctx, response) {
      const conditions = assertionIn('not-yet-valid', response)
        .getElementsByTagNameNS(NS.saml, 'Conditions')
        .item(0);
      const notBefore = time(conditions ?? undefined, 'NotBefore');
      return notBefore !== undefined && notBefore >= ctx.now.getTime() + INSANE_SKEW_MS
        ? undefined
        : 'Conditions NotBefore must lie more than 10 minutes in the future';
    },
    vulnerable: 'does not check NotBefore',
  },
  {
    id: 'wrong-audience',
    title: 'Wrong Audience: an assertion issued for another SP',
    defect: 'audience',
    cites: ['SAML-AUDIENCE'],
    references: ['SAML 2.0 Core §2.5.1.4 (AudienceRestriction)', 'SAML 2.0 Profiles §4.1.4.2'],
    overrides: () => ({ audience: ELSEWHERE.spEntityId }),
    vulnerable:
      'does not check AudienceRestriction, so an assertion for any SP trusting the same IdP logs in here',
  },
  {
    id: 'wrong-recipient',
    title: 'Wrong Recipient: SubjectConfirmationData names another ACS',
    defect: 'recipient',
    cites: ['SAML-RECIPIENT'],
    references: ['SAML 2.0 Profiles §4.1.4.2 (bearer Recipient)', 'SAML 2.0 Core §2.4.1.2'],
    overrides: () => ({ recipient: ELSEWHERE.acsUrl }),
    vulnerable: 'does not check the bearer confirmation’s Recipient against its ACS URL',
  },
  {
    id: 'wrong-destination',
    title: 'Wrong Destination: the Response was addressed to another ACS',
    defect: 'destination',
    cites: ['SAML-DESTINATION'],
    references: ['SAML 2.0 Core §3.2.2 (Destination)', 'SAML 2.0 Bindings §3.5.5.2'],
    overrides: (ctx) => ({ destination: ELSEWHERE.acsUrl, recipient: ctx.acsUrl }),
    vulnerable: 'does not compare Destination with the URL it was posted to',
  },
  {
    id: 'wrong-issuer',
    title: 'Wrong Issuer: signed by the IdP key but naming another IdP entity',
    defect: 'issuer',
    cites: ['SAML-ISSUER'],
    references: ['SAML 2.0 Profiles §4.1.4.2 (Issuer)', 'SAML 2.0 Core §2.2.5'],
    overrides: () => ({ issuer: ELSEWHERE.idpEntityId }),
    vulnerable:
      'checks the signature with the pinned key but never compares the Issuer with the configured IdP',
  },
  {
    id: 'in-response-to-unsolicited',
    title: 'InResponseTo naming an AuthnRequest the SP never sent',
    defect: 'in-response-to',
    cites: ['SAML-IN-RESPONSE-TO'],
    references: ['SAML 2.0 Profiles §4.1.4.3 (InResponseTo)', 'SAML 2.0 Core §3.2.2'],
    overrides: () => ({ inResponseTo: newSamlId() }),
    vulnerable:
      'accepts any InResponseTo (it ignores the attribute, e.g. because it allows IdP-initiated logins)',
  },
  {
    id: 'in-response-to-mismatch',
    title: 'InResponseTo answering another request than the one the SP has outstanding',
    defect: 'in-response-to',
    cites: ['SAML-IN-RESPONSE-TO'],
    references: ['SAML 2.0 Profiles §4.1.4.3 (InResponseTo)', 'SAML 2.0 Core §3.2.2'],
    requires: { inResponseTo: true },
    overrides: () => ({ inResponseTo: newSamlId() }),
    verify: (ctx, response) =>
      ctx.inResponseTo !== undefined && attribute(response, 'InResponseTo') !== ctx.inResponseTo
        ? undefined
        : 'InResponseTo must differ from the outstanding request ctx.inResponseTo',
    vulnerable: 'has a request outstanding but does not compare it with InResponseTo',
  },
  {
    id: 'status-not-success',
    title: 'Status Responder, with an assertion inside',
    defect: 'status',
    cites: ['SAML-STATUS'],
    references: ['SAML 2.0 Core §3.2.2.2 (StatusCode)', 'SAML 2.0 Profiles §4.1.4.3'],
    overrides: () => ({ statusCode: STATUS_RESPONDER }),
    vulnerable: 'reads the assertion without looking at the Status',
  },
];

function wrongVector(spec: WrongSpec): AttackVector {
  return {
    id: spec.id,
    title: spec.title,
    expect: 'reject',
    bypassIdentity: 'victim',
    signs: 'as-legit',
    ...(spec.requires ? { requires: spec.requires } : {}),
    cites: spec.cites,
    references: spec.references,
    async build(ctx) {
      if (spec.requires?.inResponseTo && ctx.inResponseTo === undefined) {
        throw new TypeError(
          `${spec.id} needs ctx.inResponseTo: the ID of an AuthnRequest the SP has outstanding`,
        );
      }
      const { doc } = await prepare(ctx, ctx.victim, {}, spec.overrides(ctx));
      return {
        sends: [serialize(doc)],
        description:
          `${spec.title}. A response for ${ctx.victim} signed by the IdP key as usual, wrong only in its ${spec.defect}. ` +
          `A vulnerable SP ${spec.vulnerable}, and logs ${ctx.victim} in.`,
      };
    },
    async check(ctx, built) {
      const { doc } = onlySend(spec.id, built.sends);
      const response = doc.documentElement!;
      ensureSignedInPlace(spec.id, doc, ctx.idpKey);
      ensureDefects(spec.id, ctx, response, [spec.defect]);
      const problem = spec.verify?.(ctx, response);
      ensure(problem === undefined, spec.id, problem ?? '');
      ensure(
        nameIdText(assertionIn(spec.id, response)) === ctx.victim,
        spec.id,
        'the NameID is not the victim',
      );
    },
  };
}

const replay: AttackVector = {
  id: 'replay',
  title: 'Replay: the same valid response posted twice',
  expect: 'reject',
  bypassIdentity: 'victim',
  signs: 'as-legit',
  cites: ['SAML-REPLAY'],
  references: ['SAML 2.0 Profiles §4.1.4.5 (one-time use of bearer assertions)'],
  async build(ctx) {
    const { doc } = await prepare(ctx, ctx.victim);
    const xml = serialize(doc);
    return {
      sends: [xml, xml],
      description:
        `A fresh, valid response for ${ctx.victim} posted twice. The first send must log the victim in; the second ` +
        'must be refused. A vulnerable SP keeps no record of assertion IDs and logs in whoever replays a captured response.',
    };
  },
  async check(ctx, built) {
    ensure(built.sends.length === 2, 'replay', `expected two sends, got ${built.sends.length}`);
    ensure(
      built.sends[0] === built.sends[1],
      'replay',
      'the two sends differ; a replay repeats the same bytes',
    );
    const doc = parseBuilt('replay', built.sends[0] ?? '');
    ensureSignedInPlace('replay', doc, ctx.idpKey);
    ensureDefects('replay', ctx, doc.documentElement!, []);
    ensure(nameIdOf(assertionIn('replay', doc.documentElement!)), 'replay', 'the assertion has no NameID');
    ensure(
      nameIdText(assertionIn('replay', doc.documentElement!)) === ctx.victim,
      'replay',
      'the NameID is not the victim',
    );
  },
};

/** Replay and the signed-but-wrong messages. */
export const conditionVectors: readonly AttackVector[] = [replay, ...SPECS.map(wrongVector)];
