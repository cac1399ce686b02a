/**
 * The identity-management integration's own lifecycle: activation with its connection
 * test, settings changes, deactivation. Every step logs its Directory Insights event.
 * @see IDP-IDM-01, -02, -07 (group management), -10, -11
 */
import type { Application, IdmIntegration } from './application.js';
import type { CatalogEntry } from './catalog-entry.js';
import type { Connector, ConnectorContext } from './connector.js';
import { IdpError } from './errors.js';
import type { InsightsEventType, InsightsLog } from './events.js';
import type { Provisioner } from './provisioner.js';
import { pastedToken, type TokenSource } from './token-source.js';

/** What activating identity management takes (IDP-IDM-01): a base URL and a token, or an OAuth grant (SF-01). */
export interface IdmActivation {
  baseUrl: string;
  /** A pasted token. */
  token?: string;
  /** An OAuth grant (SF-01), for apps whose catalogue entry says `scimAuth: 'oauth'`. */
  tokenSource?: TokenSource;
  /** @default the stored setting on a reactivation, else whether the app supports groups */
  groupManagement?: boolean;
}

/**
 * What `updateIdm` changes (IDP-IDM-02): the connection (token, base URL) only while the
 * integration is inactive; group management at any time (IDP-IDM-07).
 */
export interface IdmChanges {
  /** A new pasted token. */
  token?: string;
  /** A new OAuth grant (SF-01). */
  tokenSource?: TokenSource;
  baseUrl?: string;
  groupManagement?: boolean;
}

/** The integration's rules a fault can replace (decision 0012). */
export interface IdmSteps {
  /** IDP-IDM-02: whether the token and base URL are locked (the integration is active: deactivate first). */
  connectionLocked(idm: IdmIntegration | undefined): boolean;
  /** SF-01: whether the app takes a pasted token (not one authorised through an OAuth consent). */
  acceptsPastedToken(entry: CatalogEntry): boolean;
  /** IDP-IDM-07: turns group management on or off; off stops sending membership. */
  setGroupManagement(idm: IdmIntegration, enabled: boolean): void;
  /** IDP-IDM-11: marks the integration inactive, which stops all provisioning for the app. */
  stopProvisioning(idm: IdmIntegration): void;
}

/** The strict integration steps. */
export const IDM_STEPS: IdmSteps = {
  connectionLocked: (idm) => idm?.active === true,
  acceptsPastedToken: (entry) => entry.scimAuth !== 'oauth',
  setGroupManagement: (idm, enabled) => void (idm.groupManagement = enabled),
  stopProvisioning: (idm) => void (idm.active = false),
};

/** What the integration's lifecycle needs of the IdP. */
export interface IdmHost {
  insights: InsightsLog;
  steps: IdmSteps;
  connector: Connector;
  provisioner: Provisioner;
  contextOf(app: Application, baseUrl: string, tokenSource: TokenSource): ConnectorContext;
}

/** Logs the failed attempt and throws an IdpError naming the problem and the fix; nothing is changed. */
function refusal(host: IdmHost, app: Application, event: InsightsEventType, action: string) {
  return (detail: string, fix: string): never => {
    host.insights.record({ event_type: event, application: app.name, outcome: 'failure', detail });
    throw new IdpError(`${action} of ${app.name} refused: ${detail}; ${fix}`);
  };
}

const OAUTH_ONLY = (app: Application): [string, string] => [
  `${app.catalog.displayName} is authorised through an OAuth consent, not a pasted token (SF-01)`,
  'sign in to the app as its admin and allow access',
];

/**
 * IDP-IDM-01: tests the connection and saves the integration as active only when the test
 * passes. Without `config` it reactivates with the stored settings (IDP-IDM-02, after a
 * token change); an active integration is not activated again, which would change its
 * token in place.
 */
export async function activateIdm(host: IdmHost, app: Application, config?: IdmActivation): Promise<void> {
  const { steps } = host;
  const refuse = refusal(host, app, 'idm_integration_activate', 'Activation');
  if (!app.catalog.provisioning)
    refuse(
      `${app.catalog.displayName} offers no identity management (SCIM) in the catalogue`,
      'use SSO only',
    );
  if (steps.connectionLocked(app.idm))
    refuse(
      'the integration is already active',
      'deactivate it first to change its token or base URL (IDP-IDM-02)',
    );
  const stored = app.idm;
  const settings: IdmActivation | undefined =
    config ?? (stored && { baseUrl: stored.baseUrl, token: stored.token, tokenSource: stored.tokenSource });
  if (settings === undefined)
    return refuse('no base URL or token was given', 'paste the base URL and the token the SP generated');
  if (settings.tokenSource === undefined && !steps.acceptsPastedToken(app.catalog))
    refuse(...OAUTH_ONLY(app));
  const tokenSource =
    settings.tokenSource ?? (settings.token === undefined ? undefined : pastedToken(settings.token));
  if (tokenSource === undefined) return refuse('no token was given', 'paste the token the SP generated');
  const groupManagement =
    (settings.groupManagement ?? stored?.groupManagement ?? app.catalog.groups) && app.catalog.groups;
  try {
    await host.connector.testConnection(host.contextOf(app, settings.baseUrl, tokenSource), {
      groups: groupManagement,
      deleteUsers: app.catalog.deleteUsers,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    host.insights.record({
      event_type: 'idm_integration_activate',
      application: app.name,
      outcome: 'failure',
      detail: reason,
    });
    throw new IdpError(
      `Activation of ${app.name} failed its connection test: ${reason}. Check the base URL and token, then activate again.`,
    );
  }
  app.idm = {
    baseUrl: settings.baseUrl,
    token: settings.token ?? tokenSource.description,
    tokenSource,
    groupManagement,
    active: true,
  };
  host.insights.record({
    event_type: 'idm_integration_activate',
    application: app.name,
    outcome: 'success',
    detail: `connected to ${settings.baseUrl}`,
  });
  await host.provisioner.reconcileApp(app);
}

/**
 * IDP-IDM-02: changes the integration's settings. The token and base URL of an active
 * integration cannot change in place (deactivate, update, reactivate); group management
 * can be turned on or off at any time (IDP-IDM-07). Logs `idm_integration_reauth` for a
 * credential, `idm_integration_update` for the other settings.
 */
export async function updateIdm(host: IdmHost, app: Application, changes: IdmChanges): Promise<void> {
  const { steps } = host;
  const credential = changes.token !== undefined || changes.tokenSource !== undefined;
  const refuse = refusal(
    host,
    app,
    credential ? 'idm_integration_reauth' : 'idm_integration_update',
    'Updating the integration',
  );
  const idm = app.idm;
  if (!idm) return refuse('it has no identity-management integration', 'activate it first');
  if (Object.values(changes).every((value) => value === undefined))
    return refuse('no setting was given', 'name the token, base URL or group management to change');
  if (changes.token === '') return refuse('the token is empty', 'paste the token the SP generated');
  const moves = changes.baseUrl !== undefined && changes.baseUrl !== idm.baseUrl;
  if ((credential || moves) && steps.connectionLocked(idm)) {
    refuse(
      `the ${credential ? 'token' : 'base URL'} of an active integration cannot be changed in place (IDP-IDM-02)`,
      'deactivate the integration, update the token, then reactivate',
    );
  }
  if (
    changes.token !== undefined &&
    changes.tokenSource === undefined &&
    !steps.acceptsPastedToken(app.catalog)
  )
    refuse(...OAUTH_ONLY(app));
  if (changes.groupManagement === true && !app.catalog.groups)
    refuse(`${app.catalog.displayName} has no SCIM groups (IDP-IDM-07)`, 'leave group management off');

  if (credential) {
    const tokenSource = changes.tokenSource ?? pastedToken(changes.token!);
    idm.tokenSource = tokenSource;
    idm.token = changes.token ?? tokenSource.description;
    host.insights.record({
      event_type: 'idm_integration_reauth',
      application: app.name,
      outcome: 'success',
      detail: `credentials replaced with ${tokenSource.description}${idm.active ? '' : '; reactivate to test them'}`,
    });
  }
  const updated: string[] = [];
  if (moves) {
    idm.baseUrl = changes.baseUrl!;
    updated.push(`base URL ${idm.baseUrl}`);
  }
  const toggled = changes.groupManagement !== undefined && changes.groupManagement !== idm.groupManagement;
  if (toggled) {
    // IDP-IDM-07: disabling leaves SP groups and memberships as they are and stops sending
    // membership; users stay managed.
    steps.setGroupManagement(idm, changes.groupManagement!);
    updated.push(`group management ${changes.groupManagement ? 'enabled' : 'disabled'}`);
  }
  if (updated.length > 0 || !credential) {
    host.insights.record({
      event_type: 'idm_integration_update',
      application: app.name,
      outcome: 'success',
      detail: updated.length > 0 ? updated.join('; ') : 'no setting changed',
    });
  }
  if (toggled && changes.groupManagement) await host.provisioner.syncGroups(app);
}

/**
 * IDP-IDM-11: deactivates the integration. No SP call is made and SP state is left as it
 * is; all provisioning for the app stops until it is reactivated. What the IdP knows of
 * users and groups there is kept, so a reactivation does not duplicate them.
 */
export function deactivateIdm(host: IdmHost, app: Application): void {
  const refuse = refusal(host, app, 'idm_integration_delete', 'Deactivation');
  if (!app.idm?.active)
    return refuse('it has no active identity-management integration', 'activate it first');
  host.steps.stopProvisioning(app.idm);
  host.insights.record({
    event_type: 'idm_integration_delete',
    application: app.name,
    outcome: 'success',
    detail: 'deactivated; provisioning stopped, SP state left as it is',
  });
}
