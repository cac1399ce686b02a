/**
 * What the real-browser SSO tests share: finding (or skipping without) Debian's
 * chromium, launching it through playwright-core, and a reference IdP and an
 * Outreach mock SP served over HTTP on 127.0.0.1 and wired to each other the way
 * their admins would wire them.
 *
 * Why Outreach: its profile does SP-initiated login over the HTTP-POST binding
 * with unsigned AuthnRequests and unencrypted assertions (OUT-06), accepts
 * IdP-initiated logins, and creates users just in time (OUT-05), so the flows
 * need no SP-side signing keys and no seeded SP users. Salesforce also posts
 * (signed, encrypted), Interact and SparkPost redirect, Profit.co has no
 * SP-initiated login.
 */
import { catalog, mockSps } from '#registry';
import { chromium, type Browser } from 'playwright-core';
import { ReferenceIdp, startIdpWeb, type Application, type RunningIdpWeb } from '#harness/idp';
import { parseIdpMetadata, parseSpMetadata } from '#harness/saml';
import { startMockSp, type RunningMockSp } from '#mock-sps';
import { systemTool } from '../support/tools.js';

/**
 * Debian's chromium (`apt-get install chromium`), which the CI image installs when missing;
 * undefined (the tests skip, loudly) where it is not installed.
 */
export const CHROMIUM_PATH = systemTool('chromium', 'Real-browser SSO tests');

/** Headless, no sandbox (containers run as root), and none of the background traffic a first run makes. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Whether chromium is installed (see CHROMIUM_PATH). */
export function chromiumAvailable(): boolean {
  return CHROMIUM_PATH !== undefined;
}

/** Launches Debian's chromium headless; the caller closes it. */
export function launchChromium(): Promise<Browser> {
  if (CHROMIUM_PATH === undefined) throw new Error('chromium is not installed: apt-get install chromium');
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A directory user with a password, who signs in at the IdP's login form. */
export interface Person {
  id: string;
  email: string;
  password: string;
}

/** The IdP and the SP, both listening on 127.0.0.1, and the people of the directory. */
export interface SsoPair {
  idp: ReferenceIdp;
  idpWeb: RunningIdpWeb;
  sp: RunningMockSp;
  /** The Outreach application at the IdP. */
  app: Application;
  /** In the group bound to the application. */
  alice: Person;
  /** In no bound group: denied (IDP-SSO-03). */
  bob: Person;
  close(): Promise<void>;
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return response.text();
}

/**
 * Starts the IdP and the Outreach SP and configures each side from what the other
 * publishes: the IdP application from the SP's metadata (Entity ID, ACS URL), the
 * SP's identity-provider form (OUT-02: sign-in URL, Issuer, certificate) from the
 * IdP's metadata; then Enable at the SP (OUT-04).
 */
export async function startSsoPair(): Promise<SsoPair> {
  const idp = new ReferenceIdp();
  const idpWeb = await startIdpWeb(idp);
  const sp = await startMockSp(mockSps.outreach).catch(async (error: unknown) => {
    await idpWeb.close();
    throw error;
  });
  const close = async () => {
    await Promise.all([idpWeb.close(), sp.close()]);
  };
  try {
    const spMetadata = parseSpMetadata(await fetchText(`${sp.origin}/saml/metadata`));
    const app = idp.createApplication(catalog.outreach!, 'Outreach', {
      sso: { spEntityId: spMetadata.entityId, acsUrls: spMetadata.acs.map((acs) => acs.url) },
    });
    const group = idp.directory.createGroup('Sales');
    await idp.bindGroup(app, group.id);
    const person = async (email: string, firstname: string, lastname: string): Promise<Person> => {
      const password = `${firstname.toLowerCase()}-password-1`;
      const id = await idp.createUser({ username: email, email, password, firstname, lastname });
      return { id, email, password };
    };
    const alice = await person('alice@example.com', 'Alice', 'Liddell');
    const bob = await person('bob@example.com', 'Bob', 'Builder');
    await idp.addToGroup(group.id, alice.id);

    const idpMetadata = parseIdpMetadata(await fetchText(idpWeb.web.urls(app).metadata));
    await sp.sp.configureIdp({
      ssoUrl: idpMetadata.ssoUrls.post!,
      entityId: idpMetadata.entityId,
      certificatePem: idpMetadata.certificates[0]!,
    });
    sp.sp.enableSso();
    return { idp, idpWeb, sp, app, alice, bob, close };
  } catch (error) {
    await close();
    throw error;
  }
}
