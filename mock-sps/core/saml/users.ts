/**
 * The SP's users as its SAML side sees them: the SCIM user store where the app
 * has SCIM (one user list, as in the real app), else a list of its own.
 */
import { USER_SCHEMA, isJsonObject, type JsonObject } from '#harness/scim';
import type { SamlUserKey } from '../profile.js';
import type { ResourceEndpoint } from '../scim/resource-endpoint.js';

/** An SP user, in the fields SSO reads and JIT writes. */
export interface SamlUser {
  id: string;
  userName: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  /** Salesforce's Federation ID (SF-15); never set through SCIM (SF-10). */
  federationId?: string;
  /** Salesforce's profile, an id or a name (SF-18). */
  profileId?: string;
  active: boolean;
  /** How the user came to exist: SCIM provisioning, JIT, or seeded by the SP admin. */
  source: 'scim' | 'jit' | 'seed';
}

/** What a creation supplies. */
export type NewSamlUser = Omit<SamlUser, 'id' | 'active' | 'source'>;

export interface SamlUserDirectory {
  list(): SamlUser[];
  create(user: NewSamlUser, source: 'jit' | 'seed'): SamlUser;
}

/** The user whose `key` equals `value`, case-folded when asked. */
export function findUser(
  directory: SamlUserDirectory,
  key: SamlUserKey,
  value: string,
  caseInsensitive: boolean,
): SamlUser | undefined {
  const wanted = caseInsensitive ? value.toLowerCase() : value;
  return directory.list().find((user) => {
    const have = user[key];
    return have !== undefined && (caseInsensitive ? have.toLowerCase() : have) === wanted;
  });
}

/** Users kept by the SAML side itself (an SP without SCIM, or before its SCIM side exists). */
export class LocalUsers implements SamlUserDirectory {
  readonly #users: SamlUser[] = [];

  constructor(private readonly newId: () => string) {}

  list(): SamlUser[] {
    return this.#users.map((user) => ({ ...user }));
  }

  create(user: NewSamlUser, source: 'jit' | 'seed'): SamlUser {
    const created: SamlUser = {
      ...dropUndefined(user),
      userName: user.userName,
      id: this.newId(),
      active: true,
      source,
    };
    this.#users.push(created);
    return { ...created };
  }
}

/** The SCIM user store read as SAML users; SAML-only fields live in the SP-local record. */
export class ScimUsers implements SamlUserDirectory {
  constructor(private readonly endpoint: ResourceEndpoint) {}

  list(): SamlUser[] {
    return [...this.endpoint.store.values()].map(({ id, resource, local }) => ({
      id,
      userName: typeof resource.userName === 'string' ? resource.userName : '',
      ...dropUndefined({
        email: primaryEmail(resource.emails),
        firstName: stringAt(resource.name, 'givenName'),
        lastName: stringAt(resource.name, 'familyName'),
        federationId: typeof local.federationId === 'string' ? local.federationId : undefined,
        profileId: typeof local.profileId === 'string' ? local.profileId : undefined,
      }),
      active: resource.active !== false,
      source: local.samlSource === 'jit' || local.samlSource === 'seed' ? local.samlSource : 'scim',
    }));
  }

  create(user: NewSamlUser, source: 'jit' | 'seed'): SamlUser {
    const resource: JsonObject = { schemas: [USER_SCHEMA], userName: user.userName, active: true };
    const name = dropUndefined({ givenName: user.firstName, familyName: user.lastName });
    if (Object.keys(name).length > 0) resource.name = name;
    if (user.email !== undefined) resource.emails = [{ value: user.email, type: 'work', primary: true }];
    const { entry } = this.endpoint.create(resource);
    const local = dropUndefined({ federationId: user.federationId, profileId: user.profileId });
    this.endpoint.store.put({ ...entry, local: { ...entry.local, ...local, samlSource: source } });
    return this.list().find((listed) => listed.id === entry.id)!;
  }
}

function primaryEmail(emails: unknown): string | undefined {
  if (!Array.isArray(emails)) return undefined;
  const objects = emails.filter(isJsonObject);
  const chosen = objects.find((email) => email.primary === true) ?? objects[0];
  return typeof chosen?.value === 'string' ? chosen.value : undefined;
}

function stringAt(parent: unknown, key: string): string | undefined {
  const value = isJsonObject(parent) ? parent[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** A copy without the keys whose value is undefined (stored records show only what is known). */
function dropUndefined<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
