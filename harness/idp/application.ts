/**
 * An application configured in the reference IdP: its catalogue entry, bound user
 * groups, identity-management integration (with what the IdP remembers of each user
 * and group it provisioned there), and its SSO configuration.
 */
import type { CatalogEntry } from './catalog-entry.js';
import type { GroupLink, UserLink } from './connector.js';
import { IdpError } from './errors.js';
import type { AttributeMapping } from './mapping.js';
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

/** A row of the Export Attribute Mapping as the admin sees it (IDP-IDM-09). */
export interface ExportMappingRow extends AttributeMapping {
  /** Excluded by the admin: never sent. */
  excluded: boolean;
}

/** The Export Attribute Mapping's rule a fault can replace (decision 0012). */
export interface MappingSteps {
  /** Whether the admin may exclude `row` (IDP-IDM-09: optional rows only). */
  excludable(row: AttributeMapping): boolean;
}

/** The strict mapping step: only optional rows can be excluded. */
export const MAPPING_STEPS: MappingSteps = {
  excludable: (row) => row.optional,
};

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
    /** The Export Attribute Mapping's rule. @default MAPPING_STEPS */
    private readonly steps: MappingSteps = MAPPING_STEPS,
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

  /** IDP-IDM-09: the Export Attribute Mapping: the catalogue's rows, each with whether it is excluded. */
  get exportMappings(): ExportMappingRow[] {
    return this.catalog.mappings.map((row) => ({ ...row, excluded: this.excluded.has(row.scim) }));
  }

  /**
   * IDP-IDM-09, SPK-06: excludes an optional row, so its attribute is never sent again.
   * Required rows and rows the catalogue does not have are refused.
   */
  excludeAttribute(scim: string): void {
    const row = this.#row(scim);
    if (!this.steps.excludable(row)) {
      throw new IdpError(
        `'${row.scim}' is a required attribute mapping of ${this.catalog.displayName} and cannot be excluded (IDP-IDM-09); only optional rows can: ${this.#names((r) => r.optional)}`,
      );
    }
    this.excluded.add(row.scim);
  }

  /** IDP-IDM-09: includes a previously excluded optional row again; it is sent from the next sync on. */
  includeAttribute(scim: string): void {
    const row = this.#row(scim);
    if (!this.excluded.has(row.scim)) {
      throw new IdpError(
        `'${row.scim}' is not excluded from ${this.catalog.displayName}'s mapping; only previously excluded rows can be included (IDP-IDM-09): ${this.#names((r) => this.excluded.has(r.scim))}`,
      );
    }
    this.excluded.delete(row.scim);
  }

  /** IDP-IDM-09 "Restore Defaults": every optional row is sent again. */
  restoreDefaultMappings(): void {
    this.excluded.clear();
  }

  /** IDP-IDM-09: custom attributes cannot be added; always refused, saying what can be done instead. */
  addCustomAttribute(scim: string): never {
    throw new IdpError(
      `Custom attribute '${scim}' cannot be added to ${this.catalog.displayName}'s mapping (IDP-IDM-09); only previously excluded optional rows can be included again: ${this.#names((r) => this.excluded.has(r.scim))}`,
    );
  }

  #row(scim: string): AttributeMapping {
    const row = this.catalog.mappings.find((candidate) => candidate.scim === scim.trim());
    if (row) return row;
    throw new IdpError(
      `${this.catalog.displayName}'s mapping has no row '${scim}', and custom attributes cannot be added (IDP-IDM-09); its optional rows are: ${this.#names((r) => r.optional)}`,
    );
  }

  #names(keep: (row: AttributeMapping) => boolean): string {
    const names = this.catalog.mappings.filter(keep).map((row) => row.scim);
    return names.length > 0 ? names.join(', ') : 'none';
  }
}
