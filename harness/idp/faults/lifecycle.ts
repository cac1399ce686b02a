/**
 * IdP faults of the integration's and the application's lifecycle: token changes, group
 * management, deactivating the integration, deleting the application.
 * @see IDP-IDM-02, -07, -11; IDP-SSO-08, SF-13
 */
import { defineIdpFaults } from '../fault-seams.js';
import type { Application } from '../application.js';
import type { Provisioner } from '../provisioner.js';

/** Deactivates every user `app` left active, as a connector that cleans up after a deleted app would. */
async function deprovisionAll(p: Provisioner, app: Application): Promise<void> {
  for (const userId of [...app.users.keys()]) {
    const user = p.directory.users.get(userId);
    if (user) await p.deactivate(app, user);
  }
}

/** Faults of the integration's and the application's lifecycle. */
export const LIFECYCLE_FAULTS = defineIdpFaults([
  {
    id: 'membership-after-disable',
    area: 'idp',
    bug: 'keeps sending group membership after group management is disabled',
    cites: ['IDP-IDM-07'],
    caughtBy: ['group-sync/disable-group-management'],
    apply: {
      steps: (strict) => ({
        ...strict,
        setGroupManagement: (idm, enabled) => (enabled ? strict.setGroupManagement(idm, enabled) : undefined),
      }),
    },
  },
  {
    id: 'token-change-in-place',
    area: 'idp',
    bug: 'lets the token of an active integration change without deactivating it',
    cites: ['IDP-IDM-02'],
    caughtBy: ['provisioning/idm-token-change'],
    apply: { steps: (strict) => ({ ...strict, connectionLocked: () => false }) },
  },
  {
    id: 'provision-after-deactivation',
    area: 'idp',
    bug: 'keeps provisioning after the integration is deactivated',
    cites: ['IDP-IDM-11'],
    caughtBy: ['provisioning/idm-deactivate-stops-provisioning'],
    apply: { steps: (strict) => ({ ...strict, stopProvisioning: () => undefined }) },
  },
  {
    id: 'deprovision-on-app-delete',
    area: 'idp',
    bug: "deactivates the application's users in the SP when the application is deleted",
    cites: ['IDP-SSO-08', 'SF-13'],
    caughtBy: ['provisioning/app-delete-leaves-users', 'provisioning/salesforce-app-delete-leaves-users'],
    apply: {
      steps: (strict) => ({
        ...strict,
        async deleteApplication(applications, p, app) {
          const provisioned = app.provisioning;
          await strict.deleteApplication(applications, p, app);
          if (provisioned) await deprovisionAll(p, app);
        },
      }),
    },
  },
]);
