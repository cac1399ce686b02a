/**
 * An application configured in the reference IdP: its catalogue entry, bound user
 * groups, and identity-management integration, with what the IdP remembers of
 * each user and group it provisioned there.
 */
import type { CatalogEntry } from './catalog/types.js';
import type { GroupLink, UserLink } from './connector.js';

export interface IdmIntegration {
  baseUrl: string;
  token: string;
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

  constructor(
    readonly name: string,
    readonly catalog: CatalogEntry,
  ) {}

  /** Whether provisioning runs for this app now. */
  get provisioning(): boolean {
    return this.idm?.active === true;
  }

  /** Whether groups are pushed to the SP. */
  get managesGroups(): boolean {
    return this.provisioning && this.catalog.groups && this.idm!.groupManagement;
  }
}
