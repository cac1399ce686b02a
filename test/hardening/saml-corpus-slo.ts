/**
 * The corpus for a SingleLogoutService (the SP's `/saml/slo`, the IdP's `/saml2/<slug>/slo`):
 * LogoutRequest-shaped hostile documents through both bindings, the bindings around a legitimate
 * LogoutRequest naming a bystander (who has no session), and SAML-level garbage. Forgeries name
 * the victim, whose session must outlive every case; legitimate messages name the bystander.
 * @see SAML 2.0 Core §3.7.1, §3.7.2; Profiles §4.4.3, §4.4.4; Bindings §3.4.4.1, §3.5.4
 */
import {
  buildAuthnRequest,
  buildLogoutRequest,
  buildLogoutResponse,
  signXml,
  type KeyPair,
  type LogoutRequestInput,
  type RedirectKind,
} from '#harness/saml';
import {
  postBindingCases,
  postDocCases,
  redirectBindingCases,
  redirectDocCases,
  redirectQuery,
} from './saml-corpus-bindings.js';
import { b64, form, get, post, tagged, type Case, type Doc, type Expect } from './saml-corpus-support.js';

/** Who sends to the endpoint, and whose session is at stake there. */
export interface SloTarget {
  /** The sender's entity ID (the Issuer the endpoint expects). */
  issuer: string;
  /** The endpoint's URL (the Destination it expects). */
  destination: string;
  /** The sender's key, which the endpoint trusts. */
  key: KeyPair;
  strangerKey: KeyPair;
  /** The NameID of the signed-in principal, whose session must survive. */
  victim: string;
  /** A NameID without a session here. */
  bystander: string;
  /** The endpoint refuses a LogoutRequest past (or with a garbled) NotOnOrAfter. */
  checksExpiry: boolean;
  /**
   * The endpoint refuses a signed message without a Destination (Bindings §3.4.5.2, §3.5.5.2): the
   * mock SPs do; the IdP accepts one, as real IdPs do (decision 0034).
   */
  requiresDestination: boolean;
}

interface Spec {
  label: string;
  xml: string;
  id: string;
  kind?: RedirectKind;
  /** null: unsigned. @default the sender's key */
  key?: KeyPair | null;
  expect?: Expect;
}

const root = (xml: string, attributes: string): string =>
  xml.replace(/^<samlp:(\w+) /, `<samlp:$1 ${attributes} `);

function specs(t: SloTarget): Spec[] {
  const request = (nameId: string, extra: Partial<LogoutRequestInput> = {}) =>
    buildLogoutRequest({
      issuer: t.issuer,
      destination: t.destination,
      nameId: { value: nameId },
      now: new Date(),
      ...extra,
    });
  const response = (inResponseTo: string, status?: string) =>
    buildLogoutResponse({
      issuer: t.issuer,
      destination: t.destination,
      inResponseTo,
      now: new Date(),
      ...(status ? { status } : {}),
    });
  const changed = (built: { xml: string; id: string }, change: (xml: string) => string) => ({
    xml: change(built.xml),
    id: built.id,
  });
  const past = new Date(Date.now() - 3_600_000).toISOString();
  const expiry: Expect = t.checksExpiry ? 'refused' : 'any';
  const expiryTarget = t.checksExpiry ? t.victim : t.bystander;
  return [
    { label: 'unsigned, naming the victim', ...request(t.victim), key: null },
    { label: 'signed by an unknown key, naming the victim', ...request(t.victim), key: t.strangerKey },
    {
      label: 'a wrong Issuer, naming the victim',
      ...request(t.victim, { issuer: 'https://evil.test/entity' }),
    },
    {
      label: 'a wrong Destination, naming the victim',
      ...request(t.victim, { destination: 'https://evil.test/slo' }),
    },
    t.requiresDestination
      ? {
          label: 'signed without a Destination, naming the victim',
          ...changed(request(t.victim), (xml) => xml.replace(/ Destination="[^"]*"/, '')),
        }
      : {
          label: 'signed without a Destination, naming the bystander',
          ...changed(request(t.bystander), (xml) => xml.replace(/ Destination="[^"]*"/, '')),
          expect: 'any',
        },
    { label: 'NameID empty', ...request('') },
    { label: 'NameID whitespace', ...request(' \n ') },
    { label: 'NameID 10 KB', ...request(`${'n'.repeat(10_000)}@example.com`), expect: 'any' },
    {
      label: 'NameID truncated by a comment',
      ...changed(request(`${t.victim}.evil.test`), (xml) =>
        xml.replace(`${t.victim}.evil.test`, `${t.victim}<!---->.evil.test`),
      ),
      expect: 'any',
    },
    {
      label: 'expired an hour ago',
      ...changed(request(expiryTarget), (xml) => root(xml, `NotOnOrAfter="${past}"`)),
      expect: expiry,
    },
    {
      label: 'NotOnOrAfter not a date',
      ...changed(request(expiryTarget), (xml) => root(xml, 'NotOnOrAfter="soon"')),
      expect: expiry,
    },
    {
      label: 'a SessionIndex of 10 KB',
      ...request(t.bystander, { sessionIndex: `_${'s'.repeat(10_000)}` }),
      expect: 'any',
    },
    {
      label: '1,000 SessionIndexes',
      ...changed(request(t.bystander), (xml) =>
        xml.replace(
          '</samlp:LogoutRequest>',
          `${'<samlp:SessionIndex>s</samlp:SessionIndex>'.repeat(1_000)}</samlp:LogoutRequest>`,
        ),
      ),
      expect: 'any',
    },
    {
      label: 'two NameIDs, the victim first',
      ...changed(request(t.victim), (xml) =>
        xml.replace('</saml:NameID>', `</saml:NameID><saml:NameID>${t.bystander}</saml:NameID>`),
      ),
    },
    {
      label: 'an EncryptedID instead of a NameID',
      ...changed(request(t.victim), (xml) =>
        xml.replace(/<saml:NameID[^>]*>[^<]*<\/saml:NameID>/, '<saml:EncryptedID><x/></saml:EncryptedID>'),
      ),
    },
    {
      label: 'no Issuer',
      ...changed(request(t.victim), (xml) => xml.replace(/<saml:Issuer[^>]*>[^<]*<\/saml:Issuer>/, '')),
    },
    {
      label: 'Version 1.0',
      ...changed(request(t.victim), (xml) => xml.replace('Version="2.0"', 'Version="1.0"')),
    },
    { label: 'no ID', ...changed(request(t.victim), (xml) => xml.replace(/ ID="[^"]*"/, '')) },
    { label: 'a LogoutResponse to nothing sent', ...response('_corpus-never-sent'), kind: 'SAMLResponse' },
    {
      label: 'a LogoutResponse without InResponseTo',
      ...changed(response('_x'), (xml) => xml.replace(/ InResponseTo="[^"]*"/, '')),
      kind: 'SAMLResponse',
    },
    {
      label: 'a failed LogoutResponse to nothing sent',
      ...response('_corpus-never-sent', 'urn:oasis:names:tc:SAML:2.0:status:Requester'),
      kind: 'SAMLResponse',
    },
    {
      label: 'a LogoutResponse without Status',
      ...changed(response('_x'), (xml) => xml.replace(/<samlp:Status>[\s\S]*<\/samlp:Status>/, '')),
      kind: 'SAMLResponse',
    },
    {
      label: 'an AuthnRequest',
      ...buildAuthnRequest({ issuer: t.issuer, destination: t.destination, now: new Date() }),
    },
  ];
}

/** Enveloped-signed for the POST binding (a message signXml cannot reference goes unsigned). */
function signedForPost(xml: string, id: string, key: KeyPair | undefined): string {
  if (!key) return xml;
  try {
    return signXml(xml, id, key);
  } catch {
    return xml;
  }
}

/** Every case for an SLO endpoint, both bindings. */
export function sloCases(t: SloTarget, docs: readonly Doc[]): Case[] {
  const legit = buildLogoutRequest({
    issuer: t.issuer,
    destination: t.destination,
    nameId: { value: t.bystander },
    now: new Date(),
  });
  const signedLegit = signedForPost(legit.xml, legit.id, t.key);
  const victim = buildLogoutRequest({
    issuer: t.issuer,
    destination: t.destination,
    nameId: { value: t.victim },
    now: new Date(),
  });
  const saml = specs(t).flatMap((spec) => {
    const key = spec.key === null ? undefined : (spec.key ?? t.key);
    const kind = spec.kind ?? 'SAMLRequest';
    const expect = spec.expect ?? 'refused';
    return [
      get(`${spec.label} (Redirect)`, redirectQuery(spec.xml, { kind, ...(key ? { key } : {}) }), { expect }),
      post(`${spec.label} (POST)`, form([kind, b64(signedForPost(spec.xml, spec.id, key))]), { expect }),
    ];
  });
  const swapped = redirectQuery(legit.xml, { key: t.key }).replace(
    /^SAMLRequest=[^&]*/,
    redirectQuery(victim.xml).split('&')[0] ?? '',
  );
  return [
    ...redirectDocCases(docs, t.key),
    ...postDocCases(docs, 'SAMLRequest'),
    ...redirectBindingCases({
      xml: legit.xml,
      kind: 'SAMLRequest',
      key: t.key,
      strangerKey: t.strangerKey,
      badSignature: 'refused',
      longRelayState: 'any',
    }),
    ...postBindingCases({ xml: signedLegit, name: 'SAMLRequest', longRelayState: 'any' }),
    ...tagged('saml', [
      ...saml,
      get('signed for the bystander, the message swapped for the victim (Redirect)', swapped),
      post(
        'signed for the bystander, the NameID changed to the victim (POST)',
        form(['SAMLRequest', b64(signedLegit.replace(`>${t.bystander}<`, `>${t.victim}<`))]),
      ),
      post(
        'a SAMLRequest and a SAMLResponse (POST)',
        form(['SAMLRequest', b64(signedLegit)], ['SAMLResponse', b64(signedLegit)]),
        { expect: 'any' },
      ),
      get('a GET with junk parameters only', 'x=1&y=2'),
    ]),
  ];
}

/** A legitimate LogoutRequest for the victim: the after-corpus probe (it ends the victim's session). */
export function victimLogout(t: SloTarget): string {
  const { xml } = buildLogoutRequest({
    issuer: t.issuer,
    destination: t.destination,
    nameId: { value: t.victim },
    now: new Date(),
  });
  return redirectQuery(xml, { key: t.key });
}
