import { interactCatalog } from './interact.js';
import { outreachCatalog } from './outreach.js';
import { profitcoCatalog } from './profitco.js';
import { salesforceCatalog } from './salesforce.js';
import { sparkpostCatalog } from './sparkpost.js';
import type { CatalogEntry } from './types.js';

/** The applications the reference IdP can connect to, by catalogue id. */
export const catalog: Readonly<Record<string, CatalogEntry>> = {
  interact: interactCatalog,
  outreach: outreachCatalog,
  salesforce: salesforceCatalog,
  profitco: profitcoCatalog,
  sparkpost: sparkpostCatalog,
};

export type { CatalogEntry };
