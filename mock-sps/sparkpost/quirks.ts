/**
 * SparkPost's SCIM quirks: a SCIM token only once SSO is configured, on a Premier or
 * Enterprise plan (SPK-02); first and last name kept in SparkPost's own fields (SPK-04); no
 * groups (SPK-04); suspension shown as `active` (SPK-05).
 * @see README.md (the app's quirks and the guide sections behind them)
 */
import { bearerCheck, type AppQuirks } from '#mock-sps';
import { randomBytes } from 'node:crypto';
import { ScimError, type JsonObject } from '#harness/scim';
import { SPARKPOST_RULES, SparkPostRefusal, type SparkPostPlan, type SparkPostRules } from './rules.js';

export { SparkPostRefusal };
export type { SparkPostPlan };

/** SPK-03: the API hosts by region; `{tenant}` is the enterprise customer's tenant name. */
export const SPARKPOST_REGIONS = {
  us: 'api.sparkpost.com',
  eu: 'api.eu.sparkpost.com',
  enterprise: '{tenant}.api.e.sparkpost.com',
} as const;

/**
 * What a SparkPost admin does outside SCIM (SPK-02). The mock starts as a Premier account with
 * SSO configured and a SCIM token generated (the SP's `token`); `resetAccount` gives a fresh one.
 */
export interface SparkPostAdmin {
  readonly plan: SparkPostPlan;
  /** Whether an SSO group is saved under Account → SSO Configuration. */
  readonly ssoConfigured: boolean;
  /** Whether a SCIM token has been generated since the account was (re)set. */
  readonly scimTokenGenerated: boolean;
  setPlan(plan: SparkPostPlan): void;
  /** Saves the SSO configuration (the SAML side's `configureIdp` holds the IdP details). */
  configureSso(): void;
  /** Account Settings → Single Sign-On → Generate SCIM token; SparkPostRefusal without SSO or a SCIM plan. */
  generateScimToken(): string;
  /** A fresh account: no SSO, no SCIM token (every SCIM request answers 401). @default plan 'starter' */
  resetAccount(options?: { plan?: SparkPostPlan }): void;
}

/** The hooks of one SparkPost account, on its rules. */
export const sparkpostQuirks: AppQuirks<SparkPostRules> = {
  rules: SPARKPOST_RULES,
  build(env, rules) {
    const account = { plan: 'premier' as SparkPostPlan, sso: true, tokenGenerated: true };

    const admin: SparkPostAdmin = {
      get plan() {
        return account.plan;
      },
      get ssoConfigured() {
        return account.sso;
      },
      get scimTokenGenerated() {
        return account.tokenGenerated;
      },
      setPlan(plan) {
        account.plan = plan;
      },
      configureSso() {
        account.sso = true;
      },
      generateScimToken() {
        rules.tokenNeedsSso(account.sso);
        if (!rules.planOffersScim(account.plan)) {
          throw new SparkPostRefusal(
            `SCIM provisioning needs a Premier or Enterprise plan and this account is on '${account.plan}': upgrade the plan, then generate the token (SPK-02)`,
          );
        }
        env.token.token = randomBytes(24).toString('base64url');
        env.token.active = true;
        account.tokenGenerated = true;
        return env.token.token;
      },
      resetAccount(options = {}) {
        account.plan = options.plan ?? 'starter';
        account.sso = false;
        account.tokenGenerated = false;
        env.token.token = '';
      },
    };

    return {
      admin,
      authenticate(header) {
        if (!account.tokenGenerated) {
          throw new ScimError(
            401,
            undefined,
            'No SCIM token has been generated for this SparkPost account: configure SSO, then Account Settings → Single Sign-On → Generate SCIM token (SPK-02)',
          );
        }
        bearerCheck(header, env.token);
        if (!rules.planOffersScim(account.plan)) {
          throw new ScimError(
            403,
            undefined,
            `SCIM provisioning needs a Premier or Enterprise plan; this account is on '${account.plan}' (SPK-02)`,
          );
        }
      },
      createUser({ resource, local }) {
        rules.names(resource, local);
        // SPK-05: SparkPost's own status; SCIM active=false suspends the user.
        local.suspended = resource.active === false || local.suspended === true;
        resource.active = !local.suspended;
      },
      updateUser(previous, next) {
        rules.names(next.resource, next.local);
        // Only a change of `active` moves the status: an admin's suspension survives unrelated updates.
        if (next.resource.active !== undefined && next.resource.active !== previous.resource.active)
          next.local.suspended = next.resource.active === false;
        else next.local.suspended = (next.local.suspended ?? previous.local.suspended) === true;
        next.resource.active = !next.local.suspended;
      },
      representUser(resource, local) {
        const name: JsonObject = {};
        if (typeof local.firstName === 'string') name.givenName = local.firstName;
        if (typeof local.lastName === 'string') name.familyName = local.lastName;
        return {
          ...resource,
          ...(Object.keys(name).length > 0 ? { name } : {}),
          // SPK-05: a user suspended in SparkPost shows active false.
          active: !rules.suspended(resource, local),
        };
      },
    };
  },
};
