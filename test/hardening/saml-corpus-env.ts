/**
 * The corpus's environment over real HTTP on 127.0.0.1: the reference IdP's web side and every
 * mock SP with SAML, wired as their admins would wire them (the IdP application from the SP's
 * metadata, the SP configured by its guide's method), a member who may sign in and an outsider,
 * the kits that build legitimate messages to mutate, and a canary server that counts every
 * request an endpoint makes outwards (an external entity, XInclude or reference followed).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Browser } from '#harness/http';
import { ReferenceIdp, startIdpWeb, type Application, type RunningIdpWeb } from '#harness/idp';
import {
  BINDING,
  buildAuthnRequest,
  buildResponse,
  parseSpMetadata,
  sealAssertions,
  sharedKeyPair,
  type AuthnRequestInput,
  type KeyPair,
  type ResponseInput,
  type SigningPolicy,
} from '#harness/saml';
import { startMockSp, type MockSp, type RunningMockSp, type SamlProfile } from '#mock-sps';
import { APPS } from '#registry';
import { configureSp, type App } from '#scenarios';
import { MARK } from './saml-corpus-support.js';

export const MEMBER = { email: 'corpus.member@example.com', password: 'corpus-member-pw-1' };
export const OUTSIDER = { email: 'corpus.outsider@example.com', password: 'corpus-outsider-pw-1' };

/** A loopback server that answers with file-like content and counts what reached it. */
export interface Canary {
  url: string;
  hits: string[];
  close(): Promise<void>;
}

async function listen(server: ReturnType<typeof createServer>): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const closing = (server: ReturnType<typeof createServer>) => (): Promise<void> =>
  new Promise((resolve, reject) => {
    server.closeAllConnections();
    server.close((error) => (error ? reject(error) : resolve()));
  });

export async function startCanary(): Promise<Canary> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(`${request.method ?? '?'} ${request.url ?? ''}`);
    response.end(`${MARK}${MARK} root:x:0:0:root:/root:/bin/sh`);
  });
  return { url: await listen(server), hits, close: closing(server) };
}

/** What a legitimate Response for an SP may be changed in before it is signed. */
export interface ResponseOptions {
  /** Whom it names (NameID and every attribute that carries the member's email). @default the member */
  email?: string;
  /** The NameID value alone. */
  nameId?: string;
  input?: Partial<ResponseInput>;
  signing?: Partial<SigningPolicy>;
}

/** Everything a case builder needs to forge or mutate messages for one SP's ACS. */
export interface SpKit {
  acsUrl: string;
  spEntityId: string;
  idpEntityId: string;
  member: string;
  outsider: string;
  /** The SP reads who signs in from the NameID (else from an attribute). */
  nameIdIdentity: boolean;
  /** The SP creates unknown users at their first login. */
  jit: boolean;
  requireSigned: SamlProfile['requireSigned'];
  /** The SP takes encrypted assertions only. */
  encrypts: boolean;
  idpKey: KeyPair;
  strangerKey: KeyPair;
  /** A Response as the IdP signs it, the assertion not yet encrypted: mutate it, then `seal` it. */
  plain(options?: ResponseOptions): Promise<string>;
  /** Encrypts the assertions where the SP needs it (re-signing a Response signature that held). */
  seal(xml: string): Promise<string>;
  /** A Response the SP accepts: `plain`, then `seal`. */
  legit(options?: ResponseOptions): Promise<string>;
}

/** Everything a case builder needs for one application's endpoints at the IdP. */
export interface IdpApp {
  name: string;
  ssoUrl: string;
  sloUrl: string;
  spEntityId: string;
  acsUrl: string;
  /** The IdP holds the SP's certificate: requests must be signed with `spKey`. */
  signed: boolean;
  spKey: KeyPair;
  strangerKey: KeyPair;
  idpEntityId: string;
  /** The SP's Single Logout URL, where the IdP's LogoutResponses go. */
  spSloUrl: string | undefined;
  authnRequest(input?: Partial<AuthnRequestInput>): { xml: string; id: string };
}

/** One mock SP served over HTTP, configured against the IdP. */
export interface SpUnderTest {
  app: App;
  running: RunningMockSp;
  sp: MockSp;
  application: Application;
  /** The ACS as an origin-relative path (and query). */
  acsPath: string;
  kit: SpKit;
  idpApp: IdpApp;
}

export interface CorpusEnv {
  canary: Canary;
  idp: ReferenceIdp;
  web: RunningIdpWeb;
  sps: SpUnderTest[];
  close(): Promise<void>;
}

async function text(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return response.text();
}

const STRANGER = { commonName: 'JumpCloud', organizationalUnit: 'JumpCloudSAMLIdP' };

async function wire(
  idp: ReferenceIdp,
  web: RunningIdpWeb,
  app: App,
  groupId: string,
  memberId: string,
): Promise<SpUnderTest> {
  const running = await startMockSp(app.sp);
  const sp = running.sp;
  const profile = sp.profile.saml!;
  const metadata = parseSpMetadata(await text(`${running.origin}/saml/metadata`));
  const signingCertificate = metadata.signingCertificates[0] ?? metadata.encryptionCertificates[0] ?? null;
  const spSloUrl = metadata.singleLogout?.find((endpoint) => endpoint.binding === BINDING.redirect)?.url;
  const application = idp.createApplication(app.idp!, app.id, {
    sso: {
      spEntityId: metadata.entityId,
      acsUrls: metadata.acs.map((acs) => ({ url: acs.url, index: acs.index })),
      ...(profile.signAuthnRequests || profile.encryptAssertions
        ? { spCertificatePem: signingCertificate }
        : {}),
      ...(spSloUrl === undefined ? {} : { spSloUrl }),
      ...(profile.encryptAssertions
        ? { encryptionCertificatePem: metadata.encryptionCertificates[0] ?? signingCertificate }
        : {}),
    },
  });
  await idp.bindGroup(application, groupId);
  const person = (who: typeof MEMBER) => ({ id: who.email, ...who });
  await configureSp(sp, web.web, application, [person(MEMBER), person(OUTSIDER)]);

  const idpKey = await idp.keys();
  const strangerKey = await sharedKeyPair('corpus:stranger', STRANGER);
  const settings = application.sso.settings;
  const acsUrl = sp.saml!.acsUrl;
  const member = idp.directory.users.get(memberId)!;
  const plain = async (options: ResponseOptions = {}): Promise<string> => {
    const content = application.sso.assertionFor(member);
    const swap = (value: string): string =>
      options.email !== undefined && value.toLowerCase() === MEMBER.email ? options.email : value;
    const { xml } = await buildResponse(
      {
        issuer: settings.idpEntityId,
        destination: acsUrl,
        audience: settings.spEntityId ?? '',
        nameId: { value: options.nameId ?? swap(content.nameId.value ?? ''), format: content.nameId.format },
        attributes: content.attributes.map((row) => ({ ...row, values: row.values.map(swap) })),
        now: new Date(),
        ...options.input,
      },
      {
        key: idpKey,
        signAssertion: settings.signAssertion,
        signResponse: settings.signResponse,
        algorithm: settings.algorithm,
        ...options.signing,
      },
    );
    return xml;
  };
  const encryptTo = settings.encryptionCertificatePem;
  const seal = (xml: string): Promise<string> =>
    encryptTo === undefined ? Promise.resolve(xml) : sealAssertions(xml, encryptTo, idpKey);
  const acs = new URL(acsUrl);
  const ssoUrl = web.web.urls(application).sso;
  return {
    app,
    running,
    sp,
    application,
    acsPath: `${acs.pathname}${acs.search}`,
    kit: {
      acsUrl,
      spEntityId: settings.spEntityId ?? '',
      idpEntityId: settings.idpEntityId,
      member: MEMBER.email,
      outsider: OUTSIDER.email,
      nameIdIdentity: profile.identity.source.from === 'nameId',
      jit: profile.users === 'jit',
      requireSigned: profile.requireSigned,
      encrypts: encryptTo !== undefined,
      idpKey,
      strangerKey,
      plain,
      seal,
      legit: async (options) => seal(await plain(options)),
    },
    idpApp: {
      name: application.name,
      ssoUrl,
      sloUrl: web.web.urls(application).slo,
      spEntityId: settings.spEntityId ?? '',
      acsUrl,
      signed: settings.spCertificatePem !== undefined,
      spKey: await sp.saml!.keys(),
      strangerKey,
      idpEntityId: settings.idpEntityId,
      spSloUrl: settings.spSloUrl,
      authnRequest: (input = {}) =>
        buildAuthnRequest({
          issuer: settings.spEntityId ?? '',
          destination: ssoUrl,
          acsUrl,
          now: new Date(),
          ...input,
        }),
    },
  };
}

/** Starts the canary, the IdP and every app's mock SP, and wires each SP to the IdP. */
export async function startCorpusEnv(): Promise<CorpusEnv> {
  const canary = await startCanary();
  const idp = new ReferenceIdp();
  const web = await startIdpWeb(idp);
  const sps: SpUnderTest[] = [];
  const close = async (): Promise<void> => {
    await Promise.all([canary.close(), web.close(), ...sps.map((one) => one.running.close())]);
  };
  try {
    const group = idp.directory.createGroup('Corpus');
    const user = (who: typeof MEMBER, firstname: string) =>
      idp.createUser({ username: who.email, firstname, lastname: 'Corpus', ...who });
    const memberId = await user(MEMBER, 'Member');
    await user(OUTSIDER, 'Outsider');
    await idp.addToGroup(group.id, memberId);
    for (const app of APPS.filter((candidate) => candidate.sp.saml && candidate.idp))
      sps.push(await wire(idp, web, app, group.id, memberId));
    return { canary, idp, web, sps, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Signs `who` in at the IdP's login form over HTTP; answers the session cookie (`idp_session=…`). */
export async function idpSignIn(web: RunningIdpWeb, who: typeof MEMBER): Promise<string> {
  const browser = new Browser((input, init) => fetch(input, init));
  const form = await browser.get(`${web.origin}/login?return=%2Fconsole`);
  const signedIn = await browser.submit(form, { email: who.email, password: who.password });
  const session = browser.cookies(web.origin).idp_session;
  if (signedIn.status !== 200 || session === undefined)
    throw new Error(`${who.email} could not sign in at the IdP (status ${signedIn.status})`);
  return `idp_session=${session}`;
}

/** The SP's state a refused login must not change: users, sessions, pending AuthnRequests. */
export function spState(sp: MockSp): string {
  const users = sp
    .samlUsers()
    .map((user) => `${user.id}:${user.userName}:${user.active}`)
    .sort();
  const sessions = [...sp.saml!.sessions.keys()].sort();
  return `users ${users.join(',')}; sessions ${sessions.join(',')}; waiting ${sp.saml!.outstanding.size}`;
}
