/**
 * Bench SAML child: IdP signatures/s and ACS validations/s, measured in this process (no HTTP),
 * each beside the raw node:crypto operation on the same key and payload size, and beside what an SP
 * would otherwise run: xml-crypto's own parse-load-check and @node-saml/node-saml's
 * validatePostResponseAsync. Prints one JSON line ({@link SamlFigures}) on stdout. See bench/README.md.
 *
 *   node --import tsx bench/saml.ts
 */
import { sign, verify } from 'node:crypto';
import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { select1 } from 'xpath';
import {
  NAMEID_FORMAT,
  NS,
  buildResponse,
  childElements,
  decodePost,
  encodePost,
  parseXml,
  sharedKeyPair,
  signXml,
  validateResponse,
  verifyElementSignature,
  type KeyPair,
  type ResponseInput,
  type ResponsePolicy,
} from '#harness/saml';

/** What bench/saml.ts measures, in the order it measures them. */
export const SAML_FIGURES = [
  'cryptoSign',
  'signXml',
  'buildResponse',
  'cryptoVerify',
  'validateResponse',
  'verifyOnly',
  'xmlCrypto',
  'nodeSaml',
] as const;
export type SamlFigure = (typeof SAML_FIGURES)[number];

export interface Rate {
  opsPerSecond: number;
  operations: number;
  seconds: number;
}

/** The child's one JSON line. */
export interface SamlFigures {
  warmupSeconds: number;
  seconds: number;
  /** UTF-8 sizes of the typical Response, its Assertion, and the SignedInfo the raw crypto signs. */
  bytes: { response: number; assertion: number; signedInfo: number };
  rates: Record<SamlFigure, Rate>;
  /** What the checks before the measurement found wrong; empty when every path did its job. */
  problems: string[];
}

const WARMUP_SECONDS = 1;
const SECONDS = Number(process.env.BENCH_SAML_SECONDS ?? 2);

const IDP = 'https://sso.jumpcloud.com/saml2/bench';
const SP = 'https://sp.bench.example';
const ACS = `${SP}/saml/acs`;
const REQUEST_ID = '_bench-authn-request-1';
const ALICE = 'alice.example@bench.example';
/** The assertion's signature, as xml-crypto users select it (namespace-qualified, no data in the XPath). */
const ASSERTION_SIGNATURE =
  "/*[local-name(.)='Response']/*[local-name(.)='Assertion']" +
  `/*[local-name(.)='Signature' and namespace-uri(.)='${NS.ds}']`;

/** A JumpCloud-shaped login: solicited, email NameID, four attributes, the assertion signed. */
function typicalInput(now: Date): ResponseInput {
  return {
    issuer: IDP,
    destination: ACS,
    audience: SP,
    inResponseTo: REQUEST_ID,
    nameId: { value: ALICE, format: NAMEID_FORMAT.emailAddress },
    attributes: [
      { name: 'email', values: [ALICE] },
      { name: 'firstname', values: ['Alice'] },
      { name: 'lastname', values: ['Example'] },
      { name: 'memberOf', values: ['Engineering', 'SSO Admins'] },
    ],
    now,
  };
}

/** Runs `run` for the warm-up, then counts calls for {@link SECONDS}; awaits it only when it returns a promise. */
async function rate(run: () => unknown): Promise<Rate> {
  const ns = (seconds: number): bigint => BigInt(Math.round(seconds * 1e9));
  let deadline = process.hrtime.bigint() + ns(WARMUP_SECONDS);
  while (process.hrtime.bigint() < deadline) {
    const result = run();
    if (result instanceof Promise) await result;
  }
  const start = process.hrtime.bigint();
  deadline = start + ns(SECONDS);
  let operations = 0;
  do {
    const result = run();
    if (result instanceof Promise) await result;
    operations++;
  } while (process.hrtime.bigint() < deadline);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { opsPerSecond: operations / seconds, operations, seconds };
}

interface Fixture {
  key: KeyPair;
  now: Date;
  /** The typical Response (assertion signed), its POST form value, and one with its NameID changed after signing. */
  xml: string;
  samlResponse: string;
  tampered: string;
  /** The same Response's Assertion unsigned, for signXml. */
  assertion: { xml: string; id: string };
  signedInfo: Buffer;
  policy: ResponsePolicy;
  nodeSaml: SAML;
}

async function fixture(): Promise<Fixture> {
  const key = await sharedKeyPair('bench-idp', {
    commonName: 'JumpCloud',
    organizationalUnit: 'JumpCloudSAMLIdP',
  });
  const now = new Date();
  const { xml } = await buildResponse(typicalInput(now), { key, signAssertion: true, signResponse: false });
  const unsigned = await buildResponse(typicalInput(now), { key, signAssertion: false, signResponse: false });
  const signedInfo = Buffer.from(/<ds:SignedInfo>[\s\S]*<\/ds:SignedInfo>/.exec(xml)![0], 'utf8');
  return {
    key,
    now,
    xml,
    samlResponse: encodePost(xml),
    tampered: xml.replace(`>${ALICE}</saml2:NameID>`, '>mallory@bench.example</saml2:NameID>'),
    assertion: { xml: assertionOf(unsigned.xml), id: unsigned.assertionId },
    signedInfo,
    policy: {
      idpEntityId: IDP,
      trusted: [key.certificatePem],
      spEntityId: SP,
      acsUrl: ACS,
      now: () => new Date(),
      outstandingRequests: new Set([REQUEST_ID]),
    },
    nodeSaml: new SAML({
      issuer: SP,
      audience: SP,
      callbackUrl: ACS,
      idpCert: key.certificatePem,
      idpIssuer: IDP,
      wantAssertionsSigned: true,
      wantAuthnResponseSigned: false,
      acceptedClockSkewMs: 60_000,
      // node-saml's default: InResponseTo is never looked up, so no cache can answer a repeated call.
      validateInResponseTo: ValidateInResponseTo.never,
    }),
  };
}

/** xml-crypto's straightforward path: parse, find the Signature by XPath, load it, check it. */
function xmlCryptoCheck(xml: string, key: KeyPair): boolean {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const signature = select1(ASSERTION_SIGNATURE, doc);
  const verifier = new SignedXml({ publicCert: key.publicKey });
  verifier.loadSignature(signature as Node);
  return verifier.checkSignature(xml);
}

const fromBase64 = (value: string): string => Buffer.from(value, 'base64').toString('utf8');

/** The Assertion element's markup in a Response. */
function assertionOf(xml: string): string {
  return /<saml2:Assertion[\s\S]*<\/saml2:Assertion>/.exec(xml)![0];
}

function verifyRoot(xml: string, key: KeyPair): Element {
  const doc = parseXml(xml);
  return verifyElementSignature(doc, doc.documentElement!, { trusted: [key.certificatePem] }).element;
}

function verifyAssertion(xml: string, key: KeyPair): Element {
  const doc = parseXml(xml);
  const assertion = childElements(doc.documentElement!, NS.saml, 'Assertion')[0]!;
  return verifyElementSignature(doc, assertion, { trusted: [key.certificatePem] }).element;
}

/** Each measured path once, checked beyond "did not throw": right answer on the good response, refusal of the tampered one. */
async function preflight(f: Fixture): Promise<string[]> {
  const problems: string[] = [];
  const attempt = async (what: string, run: () => unknown, expected: unknown): Promise<void> => {
    try {
      const got = await run();
      if (got !== expected) problems.push(`${what}: got ${String(got)}, expected ${String(expected)}`);
    } catch (error) {
      problems.push(`${what} threw: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const refuses = async (what: string, run: () => unknown): Promise<void> => {
    try {
      const got = await run();
      if (got !== false) problems.push(`${what} accepted a response whose NameID was changed after signing`);
    } catch {
      // refused, as it must
    }
  };
  const signature = sign('sha256', f.signedInfo, f.key.privateKey);
  await attempt('crypto.verify', () => verify('sha256', f.signedInfo, f.key.publicKey, signature), true);
  await attempt(
    'signXml then verifyElementSignature',
    () => verifyRoot(signXml(f.assertion.xml, f.assertion.id, f.key), f.key).localName,
    'Assertion',
  );
  const fresh = await buildResponse(typicalInput(f.now), {
    key: f.key,
    signAssertion: true,
    signResponse: false,
  });
  await attempt(
    'buildResponse then validateResponse',
    async () => (await validateResponse(fresh.xml, f.policy)).nameId,
    ALICE,
  );
  await attempt(
    'validateResponse',
    async () => (await validateResponse(fromBase64(f.samlResponse), f.policy)).nameId,
    ALICE,
  );
  await attempt('decodePost', () => decodePost(f.samlResponse) === fromBase64(f.samlResponse), true);
  await attempt(
    'parseXml + verifyElementSignature',
    () => verifyAssertion(f.xml, f.key).localName,
    'Assertion',
  );
  await attempt('xml-crypto checkSignature', () => xmlCryptoCheck(f.xml, f.key), true);
  await attempt(
    'node-saml validatePostResponseAsync',
    async () =>
      (await f.nodeSaml.validatePostResponseAsync({ SAMLResponse: f.samlResponse })).profile?.nameID,
    ALICE,
  );
  await refuses('validateResponse', () => validateResponse(f.tampered, f.policy));
  await refuses('xml-crypto checkSignature', () => xmlCryptoCheck(f.tampered, f.key));
  await refuses('node-saml', () =>
    f.nodeSaml.validatePostResponseAsync({ SAMLResponse: encodePost(f.tampered) }),
  );
  return problems;
}

async function main(): Promise<SamlFigures> {
  const f = await fixture();
  const problems = await preflight(f);
  const signature = sign('sha256', f.signedInfo, f.key.privateKey);
  const signing = { key: f.key, signAssertion: true, signResponse: false } as const;
  const workloads: Record<SamlFigure, () => unknown> = {
    cryptoSign: () => sign('sha256', f.signedInfo, f.key.privateKey),
    signXml: () => signXml(f.assertion.xml, f.assertion.id, f.key),
    // Fresh IDs each time (newSamlId), as the IdP answers every login.
    buildResponse: () => buildResponse(typicalInput(f.now), signing),
    cryptoVerify: () => verify('sha256', f.signedInfo, f.key.publicKey, signature),
    // The base64 decode node-saml does too; decodePost would parse the XML once more before validateResponse does.
    validateResponse: () => validateResponse(fromBase64(f.samlResponse), f.policy),
    verifyOnly: () => verifyAssertion(f.xml, f.key),
    xmlCrypto: () => xmlCryptoCheck(f.xml, f.key),
    nodeSaml: () => f.nodeSaml.validatePostResponseAsync({ SAMLResponse: f.samlResponse }),
  };
  const rates = {} as Record<SamlFigure, Rate>;
  for (const figure of SAML_FIGURES) {
    console.error(`… SAML: ${figure}`);
    rates[figure] = await rate(workloads[figure]);
  }
  return {
    warmupSeconds: WARMUP_SECONDS,
    seconds: SECONDS,
    bytes: {
      response: Buffer.byteLength(f.xml),
      assertion: Buffer.byteLength(assertionOf(f.xml)),
      signedInfo: f.signedInfo.length,
    },
    rates,
    problems,
  };
}

try {
  console.log(JSON.stringify(await main()));
} catch (error) {
  console.error(
    `bench SAML child failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exitCode = 1;
}
