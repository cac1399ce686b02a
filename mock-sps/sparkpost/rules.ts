/**
 * SparkPost's rules, by name: what an account needs before it offers SCIM, and how it keeps
 * names and suspension. The hooks (quirks.ts) call them; a SparkPost fault replaces one
 * (faults.ts).
 * @see README.md (the app's quirks and the guide sections behind them)
 */
import { isJsonObject, type JsonObject } from '#harness/scim';

/** SparkPost's plans. */
export type SparkPostPlan = 'test' | 'starter' | 'premier' | 'enterprise';

/**
 * SPK-02: the plans that offer SCIM, as SPK-02 and the JumpCloud guide say (**assumed**: SparkPost's
 * own Okta page also lets test accounts evaluate SCIM; the mock follows the guide).
 */
const SCIM_PLANS: readonly SparkPostPlan[] = ['premier', 'enterprise'];

/** SparkPost refused an admin action; the message says why and what to do first. */
export class SparkPostRefusal extends Error {
  readonly code = 'SPARKPOST_REFUSED';
  constructor(message: string) {
    super(message);
    this.name = 'SparkPostRefusal';
  }
}

/** The rules of a SparkPost account. */
export interface SparkPostRules {
  /** SPK-02: a SCIM token needs single sign-on configured first; throws a SparkPostRefusal. */
  tokenNeedsSso(ssoConfigured: boolean): void;
  /** SPK-02: whether a plan offers SCIM: Premier or Enterprise. */
  planOffersScim(plan: SparkPostPlan): boolean;
  /** SPK-04: name.givenName and name.familyName move to SparkPost's own firstName and lastName. */
  names(resource: JsonObject, local: JsonObject): void;
  /** SPK-05: whether a user is suspended: SparkPost's own status, or active=false where it has none. */
  suspended(resource: JsonObject, local: JsonObject): boolean;
}

/** The rules as SparkPost applies them. */
export const SPARKPOST_RULES: SparkPostRules = {
  tokenNeedsSso(ssoConfigured) {
    if (ssoConfigured) return;
    throw new SparkPostRefusal(
      'A SCIM token needs single sign-on first: save an SSO group under Account → SSO Configuration, then generate the token (SPK-02)',
    );
  },
  planOffersScim: (plan) => SCIM_PLANS.includes(plan),
  names(resource, local) {
    const name = resource.name;
    delete resource.name;
    if (!isJsonObject(name)) return;
    if (name.givenName !== undefined) local.firstName = name.givenName;
    if (name.familyName !== undefined) local.lastName = name.familyName;
  },
  suspended: (resource, local) =>
    local.suspended === undefined ? resource.active === false : local.suspended === true,
};
