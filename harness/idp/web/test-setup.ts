/**
 * The fixture the IdP web tests share: a reference IdP with three users (authorized,
 * not in any group, suspended), one bound group, a Profit.co application with a
 * registered ACS, an IdpWeb on a fixed clock, and an SP key pair.
 */
import { sharedKeyPair, type KeyPair } from '#harness/saml';
import type { Application } from '../application.js';
import { profitcoCatalog } from '../../../mock-sps/profitco/idp.js';
import { ReferenceIdp, type ReferenceIdpOptions } from '../reference-idp.js';
import type { SsoChanges } from '../sso-settings.js';
import { IdpWeb } from './idp-web.js';
import { TestBrowser } from './test-browser.js';

export const NOW = new Date('2026-01-15T10:00:00.000Z');
export const IDP_BASE = 'https://idp.test';
export const ACS = 'https://sp.test/saml/acs';
export const ACS_2 = 'https://sp.test/saml/acs-2';

export const ALICE = { email: 'alice@example.com', password: 'correct horse battery' };
export const BOB = { email: 'bob@example.com', password: 'bob-password-1' };
export const CAROL = { email: 'carol@example.com', password: 'carol-password-1' };

export interface SsoFixture {
  idp: ReferenceIdp;
  web: IdpWeb;
  app: Application;
  groupId: string;
  users: { alice: string; bob: string; carol: string };
  idpKeys: KeyPair;
  spKeys: KeyPair;
  browser(): TestBrowser;
}

export async function ssoFixture(
  options: { sso?: SsoChanges; idp?: ReferenceIdpOptions } = {},
): Promise<SsoFixture> {
  const idp = new ReferenceIdp(options.idp);
  const person = (email: string, password: string, firstname: string, lastname: string) =>
    idp.createUser({ username: email, email, password, firstname, lastname });
  const alice = await person(ALICE.email, ALICE.password, 'Alice', 'Liddell');
  const bob = await person(BOB.email, BOB.password, 'Bob', 'Builder');
  const carol = await person(CAROL.email, CAROL.password, 'Carol', 'Danvers');
  const group = idp.directory.createGroup('Engineering');
  await idp.addToGroup(group.id, alice);
  await idp.addToGroup(group.id, carol);
  await idp.setSuspended(carol, true);
  const app = idp.createApplication(profitcoCatalog, 'profitco', {
    sso: { acsUrls: [ACS, { url: ACS_2, index: 7 }], ...options.sso },
  });
  await idp.bindGroup(app, group.id);
  const web = new IdpWeb(idp, { baseUrl: IDP_BASE, now: () => NOW });
  return {
    idp,
    web,
    app,
    groupId: group.id,
    users: { alice, bob, carol },
    idpKeys: await idp.keys(),
    spKeys: await sharedKeyPair('sp-test', { commonName: 'sp.test' }),
    browser: () => new TestBrowser(web),
  };
}
