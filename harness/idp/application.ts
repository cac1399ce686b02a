/**
 * An application configured in the reference IdP: its catalogue entry, bound user
 * groups, identity-management integration (with what the IdP remembers of each user
 * and group it provisioned there), and its SSO configuration.
 */
import type { CatalogEntry } from './catalog/types.js';
import type { GroupLink, UserLink } from './connector.js';
import { ApplicationSso } from './sso.js';
import type { TokenSource } from './token-source.js';
import { slugFromName } from './sso-settings.js';

export interface IdmIntegration {
  baseUrl: string;
  /** The pasted token, or what the token source is (an OAuth grant's secret is never kept here). */
  token: string;
  /** Where the bearer token comes from (a pasted token, or an OAuth grant: SF-01). */
  tokenSource: TokenSource;
  /** Group management enabled (IDP-IDM-07); only where the app supports groups. */
  groupManagement: boolean;
  active: boolean;
}

export interface ManagedUser extends UserLink {
  /** Whether the IdP last left the user active in the SP. */
  active: boolean;
}

export class Application {
  readonly boundGroups = new Set<string>();
  /** Optional mapping rows excluded by the admin (IDP-IDM-09). */
  readonly excluded = new Set<string>();
  readonly users = new Map<string, ManagedUser>();
  readonly groups = new Map<string, GroupLink>();
  idm: IdmIntegration | undefined;
  /** The SSO tab: slug, SP and assertion settings (IDP-SSO-01, -06, -08). */
  readonly sso: ApplicationSso;

  constructor(
    readonly name: string,
    readonly catalog: CatalogEntry,
    /** @default the catalogue's SSO defaults, slug from the name */
    sso?: ApplicationSso,
  ) {
    this.sso = sso ?? new ApplicationSso(name, slugFromName(name), catalog.sso);
  }

  /** Whether provisioning runs for this app now. */
  get provisioning(): boolean {
    return this.idm?.active === true;
  }

  /** Whether groups are pushed to the SP. */
  get managesGroups(): boolean {
    return this.provisioning && this.catalog.groups && this.idm!.groupManagement;
  }
}
