/**
 * After the Response is valid: who the subject is (SF-15), which SP user that
 * is, and just-in-time creation (OUT-05, SF-18) or refusal (INT-03).
 */
import type { ValidatedLogin } from '#harness';
import type { SamlFault } from '../saml-faults.js';
import type { JitRule, SamlProfile } from '../profile.js';
import { LoginRefused } from './refusals.js';
import { findUser, type NewSamlUser, type SamlUser, type SamlUserDirectory } from './users.js';

/** The first non-empty value of an attribute, trimmed. */
export function attributeValue(login: ValidatedLogin, name: string): string | undefined {
  const value = login.attributes[name]?.map((v) => v.trim()).find((v) => v !== '');
  return value;
}

/** The subject: the NameID or the named attribute (SF-15). */
export function subjectOf(login: ValidatedLogin, saml: SamlProfile): string {
  const source = saml.identity.source;
  const subject = source.from === 'nameId' ? login.nameId.trim() : attributeValue(login, source.name);
  if (!subject) {
    const where = source.from === 'nameId' ? 'the NameID' : `the attribute '${source.name}'`;
    throw new LoginRefused('identity-missing', `The assertion carries no identity in ${where} (SF-15)`);
  }
  return subject;
}

function same(a: string, b: string, caseInsensitive: boolean): boolean {
  return caseInsensitive ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** The user JIT would create, or the refusal. */
function jitUser(
  login: ValidatedLogin,
  subject: string,
  saml: SamlProfile,
  jit: JitRule,
  faults: ReadonlySet<SamlFault>,
): NewSamlUser {
  const value = (name: string) => attributeValue(login, `${jit.attributePrefix}${name}`);
  const missing = jit.required.filter((name) => value(name) === undefined);
  if (missing.length > 0 && !faults.has('jit-without-required-attributes')) {
    const names = missing.map((name) => `'${jit.attributePrefix}${name}'`).join(', ');
    throw new LoginRefused(
      'jit-missing-attribute',
      `Just-in-time provisioning needs the attribute${missing.length > 1 ? 's' : ''} ${names}, missing from the assertion; no user was created (${jit.requirement})`,
    );
  }
  for (const name of jit.mustMatchSubject) {
    const found = value(name);
    if (
      found !== undefined &&
      !same(found, subject, saml.identity.caseInsensitive) &&
      !faults.has('jit-ignores-subject-mismatch')
    ) {
      throw new LoginRefused(
        'jit-subject-mismatch',
        `'${jit.attributePrefix}${name}' is '${found}' but the subject is '${subject}'; they must match (${jit.requirement})`,
      );
    }
  }
  const user: Partial<NewSamlUser> = {};
  for (const [field, attribute] of Object.entries(jit.fields) as [keyof NewSamlUser, string][]) {
    const found = value(attribute);
    if (found !== undefined) user[field] = found;
  }
  const key = saml.identity.matches;
  if (key !== 'id') user[key] ??= subject;
  return { ...user, userName: user.userName ?? user.email ?? subject };
}

/**
 * The SP user the login is for: an existing one, or one JIT creates; refuses an
 * unknown user where users must exist (INT-03) and a deactivated user.
 */
export function resolveUser(
  login: ValidatedLogin,
  subject: string,
  saml: SamlProfile,
  directory: SamlUserDirectory,
  faults: ReadonlySet<SamlFault>,
): { user: SamlUser; created: boolean } {
  const existing = findUser(directory, saml.identity.matches, subject, saml.identity.caseInsensitive);
  if (existing) {
    if (!existing.active) {
      throw new LoginRefused('user-inactive', `The user '${existing.userName}' is deactivated in this SP`);
    }
    return { user: existing, created: false };
  }
  let wanted: NewSamlUser;
  if (saml.users === 'jit' && saml.jit) {
    wanted = jitUser(login, subject, saml, saml.jit, faults);
  } else if (faults.has('unknown-user-created')) {
    const key = saml.identity.matches;
    wanted = { userName: subject, ...(key === 'id' || key === 'userName' ? {} : { [key]: subject }) };
  } else {
    throw new LoginRefused(
      'unknown-user',
      `No user of this SP has ${saml.identity.matches} '${subject}'; SSO users must already exist (INT-03)`,
    );
  }
  try {
    return { user: directory.create(wanted, 'jit'), created: true };
  } catch (error) {
    throw new LoginRefused('jit-failed', `The SP could not create the user: ${(error as Error).message}`);
  }
}
