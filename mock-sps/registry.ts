/**
 * Every mock SP the harness ships, by id.
 */
import type { SpProfile } from './core/profile.js';
import { interactProfile } from './interact/profile.js';

export const mockSps = {
  interact: interactProfile,
} as const satisfies Record<string, SpProfile>;

/** The id of a shipped mock SP. */
export type SpId = keyof typeof mockSps;

export const SP_IDS = Object.keys(mockSps) as SpId[];

export function isSpId(name: string): name is SpId {
  return Object.hasOwn(mockSps, name);
}
