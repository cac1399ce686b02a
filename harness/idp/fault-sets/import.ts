/**
 * IdP fault switches for manual import, optional-attribute exclusion and retries (IDP-IDM-08, -09, -12): each makes the reference IdP or
 * its connector break one rule, the way a buggy connector would. The import faults are read by
 * harness/idp/import.ts, the retry faults by harness/idp/retry.ts; the exclusion fault wraps the connector here.
 */
import type { Connector } from '../connector.js';

export const IMPORT_IDP_FAULTS = {
  'import-first-page-only': "lists only the first page of the SP's users for a manual import (IDP-IDM-08)",
  'import-marks-all-new':
    'marks every SP user New, even one that already has a directory account (IDP-IDM-08)',
  'import-background-from-100':
    'sends an import of exactly 100 users to the background; up to 100 must come back at once (IDP-IDM-08)',
  'import-all-at-once':
    'imports more than 100 users at once, with no background run and no completion notification (IDP-IDM-08)',
  'import-manages-immediately':
    'manages imported users in the app at once, before they belong to a bound group (IDP-IDM-08, IDP-IDM-03)',
  'import-inactive-users': 'offers and imports users inactive in an app whose import skips them (SPK-05)',
  'send-excluded-attributes': 'sends the optional attributes the admin excluded (IDP-IDM-09, SPK-06)',
  'exclude-required-rows': 'lets the admin exclude a required attribute mapping (IDP-IDM-09)',
  'no-retry': 'gives up on the first 429 or 5xx answer (IDP-IDM-12)',
  'ignore-retry-after': "retries on its own backoff, ignoring the SP's Retry-After (IDP-IDM-12)",
  'no-backoff': 'retries at a fixed short interval instead of backing off exponentially (IDP-IDM-12)',
  'retry-create-without-lookup':
    're-sends a create after a 5xx or a timeout without looking the user up first, duplicating it (IDP-IDM-12)',
} as const;

/** `base` with this set's connector-level faults among `faults` applied. */
export function applyImportFaults(base: Connector, faults: ReadonlySet<string>): Connector {
  if (!faults.has('send-excluded-attributes')) return base;
  const provision = base.provisionUser;
  return {
    ...base,
    provisionUser: (ctx, user, link) =>
      provision.call(base, { ...ctx, excluded: new Set<string>() }, user, link),
  };
}
