// IdP dialects as data: one profile per IdP wire, the assumed items behind them, and their sources.

import { ENTRA_AADOPTSCIM062020 } from './entra-aadoptscim062020.js';
import { ENTRA } from './entra.js';
import { JUMPCLOUD } from './jumpcloud.js';
import { OKTA_AIW } from './okta-aiw.js';
import { OKTA } from './okta.js';
import type { DialectId, DialectProfile, DialectSource } from './types.js';

export { ASSUMED_ITEMS, assumedItems } from './assumed.js';
export type { AssumedId, AssumedItem } from './assumed.js';
export type {
  ActiveWire,
  ActiveWires,
  CreateUserWire,
  DialectId,
  DialectProfile,
  DialectSource,
  GroupWire,
  LookupWire,
  NonStandardWire,
  PatchStyle,
  QueryTemplate,
  RenameWire,
  RetryWire,
  TestConnectionWire,
  UpdateWire,
} from './types.js';

/** Every dialect, by id, in listing order. */
export const DIALECTS: Readonly<Record<DialectId, DialectProfile>> = {
  jumpcloud: JUMPCLOUD,
  entra: ENTRA,
  'entra-aadOptscim062020': ENTRA_AADOPTSCIM062020,
  okta: OKTA,
  'okta-aiw': OKTA_AIW,
};

/** Whether `id` names a dialect. */
export function isDialectId(id: string): id is DialectId {
  return Object.hasOwn(DIALECTS, id);
}

/** The published pages each dialect's facts come from. */
export function dialectSources(id: DialectId): readonly DialectSource[] {
  return Object.values(DIALECTS[id].sources);
}
