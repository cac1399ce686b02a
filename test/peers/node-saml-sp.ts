/**
 * An SP nobody here wrote: @node-saml/node-saml behind a tiny express ACS, with a
 * /whoami identity URL — what a vendor points `sso-harness run --sp-metadata` at.
 */
import { randomBytes } from 'node:crypto';
import express from 'express';
import type { PeerServer } from './index.js';
import { listenOnLoopback } from './index.js';

export interface NodeSamlSp extends Omit<PeerServer, 'name' | 'token' | 'baseUrl'> {
  metadataUrl: string;
  whoamiUrl: string;
}

/** Settings a misconfigured or stricter deployment changes. */
export interface NodeSamlSpOptions {
  /** node-saml's wantAuthnResponseSigned. @default false */
  wantAuthnResponseSigned?: boolean;
  /** A /whoami that names this user whether anyone signed in or not (a broken identity page). */
  whoamiAlways?: string;
  /** /whoami answers JSON, {"data":{"user":{"email":…}}}, and 200 {"data":{"user":null}} to nobody. */
  whoamiJson?: boolean;
}

/** Starts node-saml as an SP trusting `idpCertificatePem` from `idpEntityId`. */
export async function startNodeSamlSp(
  idpCertificatePem: string,
  idpEntityId: string,
  options: NodeSamlSpOptions = {},
): Promise<NodeSamlSp> {
  const { SAML } = await import('@node-saml/node-saml');
  const server = await listenOnLoopback();
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
  });
  const sessions = new Map<string, string>();
  const app = express();
  app.use(express.urlencoded({ extended: false, limit: '1mb' }));
  app.get('/metadata', (_req, res) => {
    res.type('application/samlmetadata+xml').send(saml.generateServiceProviderMetadata(null));
  });
  app.post('/acs', (req, res) => {
    saml.validatePostResponseAsync(req.body as Record<string, string>).then(
      ({ profile }) => {
        const sid = randomBytes(16).toString('hex');
        sessions.set(sid, profile?.nameID ?? '');
        res.setHeader('set-cookie', `sid=${sid}; Path=/; HttpOnly`);
        res.status(200).send('signed in');
      },
      (error: unknown) => {
        res.status(403).send(`refused: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  });
  app.get('/whoami', (req, res) => {
    const sid = /(?:^|;\s*)sid=([a-f0-9]+)/.exec(req.headers.cookie ?? '')?.[1];
    const who = options.whoamiAlways ?? (sid ? sessions.get(sid) : undefined);
    if (options.whoamiJson) return void res.json({ data: { user: who ? { email: who } : null } });
    if (!who) return void res.status(401).send('');
    res.type('text/plain').send(who);
  });
  server.server.on('request', app);
  return {
    metadataUrl: `${server.origin}/metadata`,
    whoamiUrl: `${server.origin}/whoami`,
    close: server.close,
  };
}
