/**
 * The reference IdP's SAML Response and Assertion, shaped like JumpCloud's output
 * (docs/conformance.md "Response shape").
 * @see SAML 2.0 Core §2.3.3 (Assertion), §3.3.3 (Response); IDP-SSO-06, IDP-SSO-07
 */
import { randomInt } from 'node:crypto';
import { encryptAssertion } from './encrypt.js';
import type { KeyPair } from './keys.js';
import { signXml, type SigningAlgorithm } from './sign.js';
import { NS, childElements, escapeXml, parseXml, serialize } from './xml.js';

/** NameID formats the reference IdP writes. @see SAML 2.0 Core §8.3 */
export const NAMEID_FORMAT = {
  unspecified: 'urn:oasis:names:tc:SAML:1.0:nameid-format:unspecified',
  emailAddress: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
  entity: 'urn:oasis:names:tc:SAML:2.0:nameid-format:entity',
} as const;
/** NameID formats that leave the choice to the IdP (the 1.1 URI, and the 1.0 spelling JumpCloud writes). @see SAML 2.0 Core §8.3.1 */
export const UNSPECIFIED_NAMEID_FORMATS: ReadonlySet<string> = new Set([
  'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
  NAMEID_FORMAT.unspecified,
]);
/** The top-level StatusCode of a successful Response. @see SAML 2.0 Core §3.2.2.2 */
export const STATUS_SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
/** SubjectConfirmation Method of Web SSO. @see SAML 2.0 Profiles §3.3 */
export const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
const ATTRNAME_FORMAT_BASIC = 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic';
const PASSWORD_PROTECTED_TRANSPORT = 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport';

/** One saml2:Attribute of the AttributeStatement. */
export interface SamlAttribute {
  name: string;
  values: string[];
  /** @default 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic' */
  nameFormat?: string;
}

/** What the IdP asserts, and to whom. */
export interface ResponseInput {
  /** IdP entity ID (Response and Assertion Issuer). */
  issuer: string;
  /** ACS URL (Response Destination). */
  destination: string;
  /** SP entity ID (AudienceRestriction). */
  audience: string;
  /** SubjectConfirmationData Recipient. @default destination */
  recipient?: string;
  /** The AuthnRequest ID answered; absent for an unsolicited (IdP-initiated) Response. */
  inResponseTo?: string;
  nameId: {
    value: string;
    /** @default 'urn:oasis:names:tc:SAML:1.0:nameid-format:unspecified' */
    format?: string;
  };
  attributes?: SamlAttribute[];
  /** AuthnStatement SessionIndex. @default a new SAML ID */
  sessionIndex?: string;
  /** IssueInstant and AuthnInstant; the validity window is computed from it. */
  now: Date;
  /** Conditions NotBefore = now − this. @default 300 */
  notBeforeSkewSeconds?: number;
  /** Conditions and SubjectConfirmationData NotOnOrAfter = now + this. @default 300 */
  lifetimeSeconds?: number;
  /** Top-level StatusCode Value. The assertion is still included, so an SP's status check can be tested. @default '…:status:Success' */
  statusCode?: string;
  /** ID generator (Response, Assertion, default SessionIndex). @default newSamlId */
  newId?: () => string;
}

/** Which elements the IdP signs, with which key. */
export interface SigningPolicy {
  key: KeyPair;
  signAssertion: boolean;
  signResponse: boolean;
  /** @default 'rsa-sha256' */
  algorithm?: SigningAlgorithm;
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * A 40-character upper-case alphanumeric ID, as JumpCloud's. The first character is always a
 * letter: an ID attribute must be an xs:ID (an NCName), which cannot start with a digit.
 * @see SAML 2.0 Core §1.3.4 (ID values), XML Schema Part 2 §3.3.8 (ID)
 */
export function newSamlId(): string {
  let id = ID_ALPHABET.charAt(randomInt(26));
  for (let i = 1; i < 40; i += 1) id += ID_ALPHABET.charAt(randomInt(ID_ALPHABET.length));
  return id;
}

/** Markup made by `writeElement` or taken from a signed/encrypted fragment; never escaped again. */
export class Markup {
  constructor(readonly xml: string) {}
  /** Splices a complete XML fragment (its XML declaration, if any, dropped). */
  static fragment(xml: string): Markup {
    return new Markup(xml.replace(/^\s*<\?xml[^>]*\?>\s*/, ''));
  }
}

/** A child of `writeElement`: markup as-is, a string as escaped text, nothing for undefined/false. */
export type XmlChild = Markup | string | undefined | false;
export type XmlAttributes = Readonly<Record<string, string | number | boolean | undefined>>;

/**
 * The tiny writer every SAML builder here uses: attribute values and text are always
 * escaped, so data can never become markup.
 */
export function writeElement(name: string, attributes: XmlAttributes, ...children: XmlChild[]): Markup {
  let open = `<${name}`;
  for (const [attribute, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    // Tabs and line breaks as character references: a parser would normalise them to spaces.
    const escaped = escapeXml(String(value)).replace(
      /[\t\n\r]/g,
      (c) => `&#x${c.charCodeAt(0).toString(16)};`,
    );
    open += ` ${attribute}="${escaped}"`;
  }
  const content = children
    .map((child) =>
      child instanceof Markup
        ? child.xml
        : typeof child === 'string'
          ? escapeXml(child).replace(/\r/g, '&#xD;')
          : '',
    )
    .join('');
  return new Markup(content === '' ? `${open}/>` : `${open}>${content}</${name}>`);
}

function isoPlus(now: Date, seconds: number): string {
  return new Date(now.getTime() + seconds * 1000).toISOString();
}

function issuer(entityId: string): Markup {
  return writeElement('saml2:Issuer', { Format: NAMEID_FORMAT.entity }, entityId);
}

function attributeStatement(attributes: readonly SamlAttribute[]): Markup | undefined {
  if (attributes.length === 0) return undefined; // the schema wants at least one Attribute
  return writeElement(
    'saml2:AttributeStatement',
    {},
    ...attributes.map((attribute) =>
      writeElement(
        'saml2:Attribute',
        { Name: attribute.name, NameFormat: attribute.nameFormat ?? ATTRNAME_FORMAT_BASIC },
        ...attribute.values.map((value) =>
          writeElement(
            'saml2:AttributeValue',
            { 'xmlns:xs': NS.xs, 'xmlns:xsi': NS.xsi, 'xsi:type': 'xs:string' },
            value,
          ),
        ),
      ),
    ),
  );
}

function assertionXml(input: ResponseInput, assertionId: string, sessionIndex: string): string {
  const { now } = input;
  const notOnOrAfter = isoPlus(now, input.lifetimeSeconds ?? 300);
  return writeElement(
    'saml2:Assertion',
    { 'xmlns:saml2': NS.saml, ID: assertionId, IssueInstant: now.toISOString(), Version: '2.0' },
    issuer(input.issuer),
    writeElement(
      'saml2:Subject',
      {},
      writeElement(
        'saml2:NameID',
        { Format: input.nameId.format ?? NAMEID_FORMAT.unspecified },
        input.nameId.value,
      ),
      writeElement(
        'saml2:SubjectConfirmation',
        { Method: BEARER },
        writeElement('saml2:SubjectConfirmationData', {
          InResponseTo: input.inResponseTo,
          NotOnOrAfter: notOnOrAfter,
          Recipient: input.recipient ?? input.destination,
        }),
      ),
    ),
    writeElement(
      'saml2:Conditions',
      { NotBefore: isoPlus(now, -(input.notBeforeSkewSeconds ?? 300)), NotOnOrAfter: notOnOrAfter },
      writeElement('saml2:AudienceRestriction', {}, writeElement('saml2:Audience', {}, input.audience)),
    ),
    writeElement(
      'saml2:AuthnStatement',
      { AuthnInstant: now.toISOString(), SessionIndex: sessionIndex },
      writeElement(
        'saml2:AuthnContext',
        {},
        writeElement('saml2:AuthnContextClassRef', {}, PASSWORD_PROTECTED_TRANSPORT),
      ),
    ),
    attributeStatement(input.attributes ?? []),
  ).xml;
}

/** The EncryptedData re-wrapped in saml2:EncryptedAssertion, whatever prefix the encrypter used. */
function saml2Prefixed(encryptedAssertion: string): string {
  const wrapper = parseXml(encryptedAssertion, { maxBytes: 64 * 1024 * 1024 }).documentElement!;
  const data = childElements(wrapper, NS.xenc, 'EncryptedData').map((element) =>
    Markup.fragment(serialize(element)),
  );
  return writeElement('saml2:EncryptedAssertion', { 'xmlns:saml2': NS.saml }, ...data).xml;
}

/**
 * Builds the Response: the assertion is signed first (signature right after its Issuer), then
 * encrypted to `encryptTo` (the SP's certificate PEM) when given, then the Response is signed
 * when the policy asks.
 * @see SAML 2.0 Profiles §4.1.4.2 (Web SSO Response), docs/conformance.md "Response shape"; IDP-SSO-06, IDP-SSO-07
 */
export async function buildResponse(
  input: ResponseInput,
  signing: SigningPolicy,
  encryptTo?: string,
): Promise<{ xml: string; responseId: string; assertionId: string }> {
  const newId = input.newId ?? newSamlId;
  const responseId = newId();
  const assertionId = newId();
  const signOptions = { algorithm: signing.algorithm ?? 'rsa-sha256' } as const;

  let assertion = assertionXml(input, assertionId, input.sessionIndex ?? newId());
  if (signing.signAssertion) assertion = signXml(assertion, assertionId, signing.key, signOptions);
  if (encryptTo !== undefined) assertion = saml2Prefixed(await encryptAssertion(assertion, encryptTo));

  let xml = writeElement(
    'saml2p:Response',
    {
      'xmlns:saml2p': NS.samlp,
      'xmlns:saml2': NS.saml,
      Destination: input.destination,
      ID: responseId,
      InResponseTo: input.inResponseTo,
      IssueInstant: input.now.toISOString(),
      Version: '2.0',
    },
    issuer(input.issuer),
    writeElement(
      'saml2p:Status',
      {},
      writeElement('saml2p:StatusCode', { Value: input.statusCode ?? STATUS_SUCCESS }),
    ),
    Markup.fragment(assertion),
  ).xml;
  if (signing.signResponse) xml = signXml(xml, responseId, signing.key, signOptions);
  return { xml, responseId, assertionId };
}
