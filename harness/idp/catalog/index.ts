import type { OAuthClientSettings } from '../oauth.js';
import { interactCatalog } from './interact.js';
import { outreachCatalog } from './outreach.js';
import { profitcoCatalog } from './profitco.js';
import {
  salesforceCatalog,
  salesforceOAuth,
  salesforceSandboxCatalog,
  salesforceSandboxOAuth,
} from './salesforce.js';
import { sparkpostCatalog } from './sparkpost.js';
import type { CatalogEntry } from './types.js';

/** The applications the reference IdP can connect to, by catalogue id. */
export const catalog: Readonly<Record<string, CatalogEntry>> = {
  interact: interactCatalog,
  outreach: outreachCatalog,
  salesforce: salesforceCatalog,
  // SF-01: a Sandbox org takes its own connector.
  'salesforce-sandbox': salesforceSandboxCatalog,
  profitco: profitcoCatalog,
  sparkpost: sparkpostCatalog,
};

/** The OAuth client of each entry whose `scimAuth` is 'oauth' (SF-01), by catalogue id. */
export const oauthClients: Readonly<Record<string, OAuthClientSettings>> = {
  salesforce: salesforceOAuth,
  'salesforce-sandbox': salesforceSandboxOAuth,
};

export type { CatalogEntry };
