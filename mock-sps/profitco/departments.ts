/**
 * Profit.co's departments: SP admin data the SCIM department attribute is matched against.
 * An existing department, enabled or disabled, is merged (never duplicated); a user is not
 * placed in a disabled one; an unknown one is created.
 * @see PCO-06
 */
import { ENTERPRISE_USER_SCHEMA, isJsonObject, type JsonObject } from '#harness/scim';
import type { ProfitcoRules } from './rules.js';

/** The enterprise extension, where the IdP sends the department (**assumed**: the guide names only "Department"). */
export const ENTERPRISE_USER = ENTERPRISE_USER_SCHEMA;

export interface ProfitcoDepartment {
  id: string;
  name: string;
  enabled: boolean;
}

/** The department a resource names, if any. */
export function departmentOf(resource: JsonObject): string | undefined {
  const extension = resource[ENTERPRISE_USER];
  const value = isJsonObject(extension) ? extension.department : undefined;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** PCO-06: the department of that name, enabled or disabled (**assumed**: names compare case-insensitively). */
export function departmentNamed(
  departments: readonly ProfitcoDepartment[],
  name: string,
): ProfitcoDepartment | undefined {
  const wanted = name.toLowerCase();
  return departments.find((department) => department.name.toLowerCase() === wanted);
}

/** Sets (or, with undefined, removes) the department of a resource. */
function setDepartment(resource: JsonObject, name: string | undefined): void {
  const extension = isJsonObject(resource[ENTERPRISE_USER]) ? (resource[ENTERPRISE_USER] as JsonObject) : {};
  if (name === undefined) delete extension.department;
  else extension.department = name;
  if (Object.keys(extension).length > 0) resource[ENTERPRISE_USER] = extension;
  else delete resource[ENTERPRISE_USER];
}

export class Departments {
  readonly #list: ProfitcoDepartment[] = [];
  #next = 1;

  constructor(private readonly rules: Pick<ProfitcoRules, 'departmentMatch' | 'departmentOpen'>) {}

  list(): ProfitcoDepartment[] {
    return this.#list.map((department) => ({ ...department }));
  }

  add(name: string, enabled = true): ProfitcoDepartment {
    const trimmed = name.trim();
    if (trimmed === '') throw new TypeError('A department needs a name');
    if (this.#byName(trimmed))
      throw new TypeError(`Profit.co already has a department named '${trimmed}' (PCO-06: names are unique)`);
    return { ...this.#create(trimmed, enabled) };
  }

  setEnabled(name: string, enabled: boolean): void {
    const department = this.#byName(name.trim());
    if (!department) throw new TypeError(`Profit.co has no department named '${name}'; add it first`);
    department.enabled = enabled;
  }

  /**
   * Places a user being written in the department its SCIM resource names (PCO-06), as Profit.co
   * does: the resource then shows the department's own name, `local.departmentId` its id. A
   * disabled department leaves the user where it was (**assumed**: "the user sync to the department
   * won't take place"): in no department for a new user.
   */
  place(
    resource: JsonObject,
    local: JsonObject,
    previous?: { resource: JsonObject; local: JsonObject },
  ): void {
    const wanted = departmentOf(resource);
    const before = previous ? departmentOf(previous.resource) : undefined;
    const placedBefore =
      typeof previous?.local.departmentId === 'string' ? previous.local.departmentId : undefined;
    const stay = (): void => {
      setDepartment(resource, placedBefore === undefined ? undefined : before);
      if (placedBefore === undefined) delete local.departmentId;
      else local.departmentId = placedBefore;
    };
    if (wanted === undefined) {
      setDepartment(resource, undefined);
      delete local.departmentId;
      return;
    }
    if (placedBefore !== undefined && before?.toLowerCase() === wanted.toLowerCase()) return stay();
    const department = this.rules.departmentMatch(this.#list, wanted) ?? this.#create(wanted, true);
    if (!this.rules.departmentOpen(department)) return stay();
    setDepartment(resource, department.name);
    local.departmentId = department.id;
  }

  #byName(name: string): ProfitcoDepartment | undefined {
    return departmentNamed(this.#list, name);
  }

  #create(name: string, enabled: boolean): ProfitcoDepartment {
    const department = { id: `dept-${this.#next++}`, name, enabled };
    this.#list.push(department);
    return department;
  }
}
