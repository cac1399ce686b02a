/**
 * After the Response is valid: who the subject is (SF-15), which SP user that
 * is, and just-in-time creation (OUT-05, SF-18) or refusal (INT-03).
 */
import type { ValidatedLogin } from '#harness/saml';
import type { JitRule, SamlProfile } from '../profile.js';
import type { AcsSteps } from './acs-steps.js';
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

/** What a JIT rule reads: the login, its subject, the SP's profile and its JIT rule. */
export interface JitInput {
  login: ValidatedLogin;
  subject: string;
  saml: SamlProfile;
  jit: JitRule;
}

/** The value of one of the JIT rule's attributes (its prefix added). */
function jitValue({ login, jit }: JitInput, name: string): string | undefined {
  return attributeValue(login, `${jit.attributePrefix}${name}`);
}

/** OUT-05, SF-18: JIT creates no user while a required attribute is missing. */
export function jitRequiredAttributes(input: JitInput): void {
  const { jit } = input;
  const missing = jit.required.filter((name) => jitValue(input, name) === undefined);
  if (missing.length > 0) {
    const names = missing.map((name) => `'${jit.attributePrefix}${name}'`).join(', ');
    throw new LoginRefused(
      'jit-missing-attribute',
      `Just-in-time provisioning needs the attribute${missing.length > 1 ? 's' : ''} ${names}, missing from the assertion; no user was created (${jit.requirement})`,
    );
  }
}

/** SF-18: an attribute that must name the subject (Federation ID) does, when present. */
export function jitSubjectMatch(input: JitInput): void {
  const { jit, subject, saml } = input;
  for (const name of jit.mustMatchSubject) {
    const found = jitValue(input, name);
    if (found !== undefined && !same(found, subject, saml.identity.caseInsensitive)) {
      throw new LoginRefused(
        'jit-subject-mismatch',
        `'${jit.attributePrefix}${name}' is '${found}' but the subject is '${subject}'; they must match (${jit.requirement})`,
      );
    }
  }
}

/** INT-03: an SP whose SSO users must already exist refuses an unknown one. */
export function refuseUnknownUser(subject: string, saml: SamlProfile): NewSamlUser {
  throw new LoginRefused(
    'unknown-user',
    `No user of this SP has ${saml.identity.matches} '${subject}'; SSO users must already exist (INT-03)`,
  );
}

/** The user JIT would create, once its rules passed. */
function jitUser(input: JitInput, rules: UserRules): NewSamlUser {
  rules['jit-required-attributes'](input);
  rules['jit-subject-match'](input);
  const { jit, subject, saml } = input;
  const user: Partial<NewSamlUser> = {};
  for (const [field, attribute] of Object.entries(jit.fields) as [keyof NewSamlUser, string][]) {
    const found = jitValue(input, attribute);
    if (found !== undefined) user[field] = found;
  }
  const key = saml.identity.matches;
  if (key !== 'id') user[key] ??= subject;
  return { ...user, userName: user.userName ?? user.email ?? subject };
}

/** The ACS rules that decide about a user the SP does not have yet. */
type UserRules = Pick<
  AcsSteps,
  'jit-required-attributes' | 'jit-subject-match' | 'unknown-user' | 'inactive-user'
>;

/** A deactivated user is refused (SAML-SESSION-DEPROVISIONED). */
export function refuseInactiveUser(user: SamlUser): void {
  if (!user.active)
    throw new LoginRefused('user-inactive', `The user '${user.userName}' is deactivated in this SP`);
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
  rules: UserRules,
): { user: SamlUser; created: boolean } {
  const existing = findUser(directory, saml.identity.matches, subject, saml.identity.caseInsensitive);
  if (existing) {
    rules['inactive-user'](existing);
    return { user: existing, created: false };
  }
  const wanted =
    saml.users === 'jit' && saml.jit
      ? jitUser({ login, subject, saml, jit: saml.jit }, rules)
      : rules['unknown-user'](subject, saml);
  try {
    return { user: directory.create(wanted, 'jit'), created: true };
  } catch (error) {
    throw new LoginRefused('jit-failed', `The SP could not create the user: ${(error as Error).message}`);
  }
}
