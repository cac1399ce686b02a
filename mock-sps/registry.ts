/**
 * Every mock SP the harness ships, by id.
 */
import type { SpProfile } from './core/profile.js';
import { interactProfile } from './interact/profile.js';
import { outreachProfile } from './outreach/profile.js';
import { profitcoProfile } from './profitco/profile.js';
import { salesforceProfile } from './salesforce/profile.js';
import { sparkpostProfile } from './sparkpost/profile.js';

export const mockSps = {
  interact: interactProfile,
  outreach: outreachProfile,
  salesforce: salesforceProfile,
  profitco: profitcoProfile,
  sparkpost: sparkpostProfile,
} as const satisfies Record<string, SpProfile>;

/** The id of a shipped mock SP. */
export type SpId = keyof typeof mockSps;

export const SP_IDS = Object.keys(mockSps) as SpId[];

export function isSpId(name: string): name is SpId {
  return Object.hasOwn(mockSps, name);
}
