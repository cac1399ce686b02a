/**
 * An SP nobody here wrote: @node-saml/node-saml behind a tiny express ACS, with a
 * /whoami identity URL — what a vendor points `sso-harness run --sp-metadata` at.
 */
import { randomBytes } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import express from 'express';
import { createKeyPair } from '#harness/saml';
import type { PeerServer } from './index.js';
import { listenOnLoopback } from './index.js';

export interface NodeSamlSp extends Omit<PeerServer, 'name' | 'token' | 'baseUrl'> {
  metadataUrl: string;
  whoamiUrl: string;
  /** Starts an SP-initiated login: a redirect (or, with loginBinding 'post', a form) to the IdP. */
  loginUrl: string;
  /** Every session cookie value it has issued (secrets no report may carry). */
  sessionIds(): string[];
}

/** Settings a misconfigured or stricter deployment changes. */
export interface NodeSamlSpOptions {
  /** node-saml's wantAuthnResponseSigned. @default false */
  wantAuthnResponseSigned?: boolean;
  /** A /whoami that names this user whether anyone signed in or not (a broken identity page). */
  whoamiAlways?: string;
  /** /whoami answers JSON, {"data":{"user":{"email":…}}}, and 200 {"data":{"user":null}} to nobody. */
  whoamiJson?: boolean;
  /** Only logins this SP started: node-saml's validateInResponseTo 'always'. @default false ('never') */
  solicitedOnly?: boolean;
  /** How /login sends its AuthnRequest. @default 'redirect' */
  loginBinding?: 'redirect' | 'post';
  /**
   * Only encrypted assertions: node-saml decrypts with the SP's key (its metadata names the
   * certificate), and the app refuses a Response without an EncryptedAssertion (node-saml has no
   * option for that, so the app checks, as a deployment that requires encryption would).
   */
  encryptedOnly?: boolean;
  /** A refused login sends the browser to /login (and on to the IdP), as many web apps do. @default 403 */
  refuseByRedirect?: boolean;
  /** The metadata's ACS binding rewritten to HTTP-Artifact (an SP set up for another binding). */
  artifactAcs?: boolean;
  /**
   * Single Logout at /slo (node-saml's logoutCallbackUrl: its metadata declares HTTP-POST), taking
   * a LogoutRequest by POST (validatePostRequestAsync) and by GET (validateRedirectAsync), as apps
   * that receive IdP logouts by redirect do.
   */
  slo?: boolean;
  /** A faulty SLO endpoint: it validates the LogoutRequest and answers, but ends no session. */
  sloIgnored?: boolean;
  /**
   * The app's accounts, kept by a SCIM service (a SCIMMY peer): a login needs an account whose
   * userName is the NameID and that is active, and a session lasts while its account is active.
   */
  accounts?: {
    users: () => Iterable<Record<string, unknown>>;
    /** Faulty: a session outlives its account's deactivation. */
    sessionsOutliveDeactivation?: boolean;
    /** Faulty: the app ignores `active` altogether: a deactivated account signs in and keeps its sessions. */
    inactiveSignsIn?: boolean;
  };
  /** A faulty SLO endpoint: it ends the session of the NameID a LogoutRequest names, verifying nothing. */
  sloUnverified?: boolean;
}

/** Starts node-saml as an SP trusting `idpCertificatePem` from `idpEntityId`. */
export async function startNodeSamlSp(
  idpCertificatePem: string | string[],
  idpEntityId: string,
  options: NodeSamlSpOptions = {},
): Promise<NodeSamlSp> {
  const { SAML, ValidateInResponseTo } = await import('@node-saml/node-saml');
  const { DOMParser } = await import('@xmldom/xmldom');
  const server = await listenOnLoopback();
  const spKey = options.encryptedOnly ? await createKeyPair({ commonName: 'node-saml SP' }) : undefined;
  const entityId = `${server.origin}/sp`;
  const acs = `${server.origin}/acs`;
  const saml = new SAML({
    entryPoint: 'http://127.0.0.1:8943/saml2/sso-harness',
    issuer: entityId,
    callbackUrl: acs,
    audience: entityId,
    idpIssuer: idpEntityId,
    idpCert: idpCertificatePem,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: options.wantAuthnResponseSigned ?? false,
    acceptedClockSkewMs: 60_000,
    validateInResponseTo: options.solicitedOnly ? ValidateInResponseTo.always : ValidateInResponseTo.never,
    authnRequestBinding: options.loginBinding === 'post' ? 'HTTP-POST' : 'HTTP-Redirect',
    ...(spKey ? { decryptionPvk: spKey.privateKeyPem } : {}),
    ...(options.slo
      ? { logoutCallbackUrl: `${server.origin}/slo`, logoutUrl: 'http://127.0.0.1:8943/saml2/slo' }
      : {}),
  });
  /** Whether the posted Response carries its assertion encrypted (a top-level EncryptedAssertion). */
  const encrypted = (samlResponse: string | undefined): boolean => {
    const root = new DOMParser().parseFromString(
      Buffer.from(samlResponse ?? '', 'base64').toString('utf8'),
      'text/xml',
    ).documentElement;
    return Array.from(root?.childNodes ?? []).some(
      (node) => node.nodeType === 1 && (node as unknown as Element).localName === 'EncryptedAssertion',
    );
  };
  const sessions = new Map<string, string>();
  const issued: string[] = [];
  /** The account of `nameId`: 'active', 'inactive' or undefined (none). */
  const account = (nameId: string): 'active' | 'inactive' | undefined => {
    for (const user of options.accounts?.users() ?? [])
      if (String(user.userName).toLowerCase() === nameId.toLowerCase())
        return user.active === false ? 'inactive' : 'active';
    return undefined;
  };
  const app = express();
  app.use(express.urlencoded({ extended: false, limit: '1mb' }));
  const metadata = (): string => saml.generateServiceProviderMetadata(spKey?.certificatePem ?? null);
  app.get('/metadata', (_req, res) => {
    res
      .type('application/samlmetadata+xml')
      .send(
        options.artifactAcs
          ? metadata().replace(
              /(<AssertionConsumerService[^>]*Binding=")[^"]*/,
              '$1urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact',
            )
          : metadata(),
      );
  });
  app.get('/login', (_req, res) => {
    if (options.loginBinding === 'post')
      saml.getAuthorizeFormAsync('/home', undefined, {}).then(
        (form) => res.type('text/html').send(form),
        (error: unknown) => res.status(500).send(String(error)),
      );
    else
      saml.getAuthorizeUrlAsync('/home', undefined, {}).then(
        (url) => res.redirect(url),
        (error: unknown) => res.status(500).send(String(error)),
      );
  });
  app.post('/acs', (req, res) => {
    const body = req.body as Record<string, string>;
    if (options.encryptedOnly && !encrypted(body.SAMLResponse))
      return void res.status(403).send('refused: this SP accepts encrypted assertions only');
    saml.validatePostResponseAsync(body).then(
      ({ profile }) => {
        const state = options.accounts ? account(profile?.nameID ?? '') : 'active';
        if (state === undefined || (state === 'inactive' && !options.accounts?.inactiveSignsIn))
          return void res.status(403).send(`refused: no active account for ${profile?.nameID ?? ''}`);
        const sid = randomBytes(16).toString('hex');
        sessions.set(sid, profile?.nameID ?? '');
        issued.push(sid);
        res.setHeader('set-cookie', `sid=${sid}; Path=/; HttpOnly`);
        res.status(200).send('signed in');
      },
      (error: unknown) => {
        if (options.refuseByRedirect) return void res.redirect('/login');
        res.status(403).send(`refused: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  });
  /** Ends every session of the LogoutRequest's NameID, then answers the IdP with a LogoutResponse. */
  const logout = (validated: Promise<{ profile: { nameID?: string } | null }>, res: express.Response) =>
    validated.then(
      async ({ profile }) => {
        if (!options.sloIgnored)
          for (const [sid, who] of sessions) if (who === profile?.nameID) sessions.delete(sid);
        res.redirect(await saml.getLogoutResponseUrlAsync(profile as never, '', {}, true));
      },
      (error: unknown) => {
        res.status(403).send(`refused: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  /** The NameID of a LogoutRequest read without any check (the sloUnverified fault). */
  const unverified = async (
    samlRequest: string,
    deflated: boolean,
  ): Promise<{ profile: { nameID?: string } }> => {
    const bytes = Buffer.from(samlRequest, 'base64');
    const xml = (deflated ? inflateRawSync(bytes) : bytes).toString('utf8');
    const nameID = /<(?:\w+:)?NameID\b[^>]*>([^<]*)</.exec(xml)?.[1];
    return { profile: nameID === undefined ? {} : { nameID } };
  };
  if (options.slo) {
    app.get('/slo', (req, res) => {
      if (options.sloUnverified)
        return void logout(unverified(String(req.query.SAMLRequest ?? ''), true), res);
      const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
      void logout(saml.validateRedirectAsync(req.query as Record<string, string>, query), res);
    });
    app.post('/slo', (req, res) => {
      if (options.sloUnverified)
        return void logout(unverified((req.body as Record<string, string>).SAMLRequest ?? '', false), res);
      void logout(saml.validatePostRequestAsync(req.body as Record<string, string>), res);
    });
  }
  app.get('/whoami', (req, res) => {
    const sid = /(?:^|;\s*)sid=([a-f0-9]+)/.exec(req.headers.cookie ?? '')?.[1];
    let who = options.whoamiAlways ?? (sid ? sessions.get(sid) : undefined);
    if (
      who &&
      options.accounts &&
      !options.accounts.sessionsOutliveDeactivation &&
      !options.accounts.inactiveSignsIn &&
      account(who) !== 'active'
    ) {
      sessions.delete(sid!);
      who = undefined;
    }
    if (options.whoamiJson) return void res.json({ data: { user: who ? { email: who } : null } });
    if (!who) return void res.status(401).send('');
    res.type('text/plain').send(who);
  });
  server.server.on('request', app);
  return {
    metadataUrl: `${server.origin}/metadata`,
    whoamiUrl: `${server.origin}/whoami`,
    loginUrl: `${server.origin}/login`,
    sessionIds: () => [...issued],
    close: server.close,
  };
}
