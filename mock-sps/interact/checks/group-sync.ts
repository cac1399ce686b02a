/**
 * Interact's group row (INT-06): one group through its life in the SP.
 */
import type { Scenario } from '#harness/runner';
import { groupRequires, groupRoundTrip } from '#scenarios';
import { defineInteractCheck } from '../requirements.js';

export const interactGroupChecks: readonly Scenario[] = [
  defineInteractCheck({
    id: 'group-sync/interact-groups',
    title: 'Interact groups follow the directory: create, rename, membership add and remove, delete',
    requirements: ['INT-06', 'IDP-IDM-07', 'IDP-IDM-10'],
    level: 'DOC',
    requires: { ...groupRequires, sp: 'interact' },
    run: (ctx) => groupRoundTrip(ctx, 'INT-06', { remove: true }),
  }),
];
