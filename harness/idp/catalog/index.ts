import { interactCatalog } from './interact.js';
import type { CatalogEntry } from './types.js';

/** The applications the reference IdP can connect to, by catalogue id. */
export const catalog: Readonly<Record<string, CatalogEntry>> = {
  interact: interactCatalog,
};

export type { CatalogEntry };
