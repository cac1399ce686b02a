/**
 * IdP faults of manual import and of the admin's attribute exclusions.
 * @see IDP-IDM-03, -08, -09
 */
import { defineIdpFaults } from '../fault-seams.js';
import { provisioningWith } from './wrappers.js';

/** Faults of manual import and attribute exclusion. */
export const IMPORT_FAULTS = defineIdpFaults([
  {
    id: 'import-first-page-only',
    area: 'idp',
    bug: "lists only the first page of the SP's users for a manual import",
    cites: ['IDP-IDM-08'],
    caughtBy: ['import/lists-all-pages', 'import/background-over-100'],
    apply: {
      steps: (strict) => ({
        ...strict,
        listSpUsers: async (readPage) => ({ ...(await readPage(1)), pages: 1 }),
      }),
    },
  },
  {
    id: 'import-marks-all-new',
    area: 'idp',
    bug: 'marks every SP user New, even one that already has a directory account',
    cites: ['IDP-IDM-08'],
    caughtBy: ['import/new-and-imported'],
    apply: { steps: (strict) => ({ ...strict, importedAs: () => undefined }) },
  },
  {
    id: 'import-background-from-100',
    area: 'idp',
    bug: 'sends an import of exactly 100 users to the background; up to 100 must come back at once',
    cites: ['IDP-IDM-08'],
    caughtBy: ['import/synchronous-up-to-100'],
    apply: {
      policies: (strict) => ({
        ...strict,
        import: { ...strict.import, synchronousLimit: strict.import.synchronousLimit - 1 },
      }),
    },
  },
  {
    id: 'import-all-at-once',
    area: 'idp',
    bug: 'imports more than 100 users at once, with no background run and no completion notification',
    cites: ['IDP-IDM-08'],
    caughtBy: ['import/background-over-100'],
    apply: {
      policies: (strict) => ({ ...strict, import: { ...strict.import, synchronousLimit: Infinity } }),
    },
  },
  {
    id: 'import-manages-immediately',
    area: 'idp',
    bug: 'manages imported users in the app at once, before they belong to a bound group',
    cites: ['IDP-IDM-08', 'IDP-IDM-03'],
    caughtBy: ['import/managed-only-when-bound'],
    apply: {
      steps: (strict) => ({
        ...strict,
        async importOne(idp, app, candidate) {
          const result = await strict.importOne(idp, app, candidate);
          if (result.outcome !== 'created' || result.userId === undefined) return result;
          // Links and updates the user in the app as if a bound group held it.
          const user = idp.directory.user(result.userId);
          const link = await idp.connector.provisionUser(idp.connectorContext(app), user, {});
          app.users.set(user.id, { ...link, active: true });
          return result;
        },
      }),
    },
  },
  {
    id: 'send-excluded-attributes',
    area: 'idp',
    bug: 'sends the optional attributes the admin excluded',
    cites: ['IDP-IDM-09', 'SPK-06'],
    caughtBy: ['provisioning/exclude-optional-attributes', 'provisioning/sparkpost-excluded-attributes'],
    apply: { connector: (strict) => provisioningWith(strict, (ctx) => ({ ...ctx, excluded: new Set() })) },
  },
  {
    id: 'exclude-required-rows',
    area: 'idp',
    bug: 'lets the admin exclude a required attribute mapping',
    cites: ['IDP-IDM-09'],
    caughtBy: ['provisioning/exclude-optional-attributes'],
    apply: { steps: (strict) => ({ ...strict, excludable: () => true }) },
  },
]);
