/**
 * IdP key rollover, as the SP sees it: while the IdP's metadata lists the current and the next
 * signing certificate, a login signed with the next key works (or every login fails the day the
 * IdP switches); once the metadata no longer lists a key, a login signed with it is refused (a
 * key is retired because it is old, or because it leaked).
 * @see SAML 2.0 Metadata §2.4.1.1 (KeyDescriptor); SAML V2.0 Metadata Interoperability Profile 1.0
 */
import { Browser } from '#harness/http';
import type { CoreRequirementId } from '#harness/requirements';
import { defineScenario, type ScenarioContext } from '#harness/runner';
import { buildIdpMetadata, sharedKeyPair, type KeyPair } from '#harness/saml';
import { ExternalSamlSp } from '../external-saml-sp.js';
import { mockSpUnderAttack } from './attack.js';

const ROLLOVER: CoreRequirementId = 'SAML-KEY-ROLLOVER';
/** Certificates with the reference IdP's names, as a rotation issues them. */
const JUMPCLOUD = { commonName: 'JumpCloud', organizationalUnit: 'JumpCloudSAMLIdP' };

/** Who a legitimate login signed with `key` signed in, or undefined. */
type Login = (key: KeyPair) => Promise<string | undefined>;

interface RolloverTarget {
  label: string;
  victim: string;
  /** The IdP's current key. */
  current: KeyPair;
  /** The key the check signs with; undefined when the run was given none (external). */
  key: KeyPair | undefined;
  /** Makes the SP's IdP metadata list these certificates, one import after the other (mock SPs). */
  publish?: (...imports: KeyPair[][]) => Promise<void>;
  login: Login;
}

/** The SP under test, the key `which` names, and how to sign in with a key. */
async function rolloverTarget(ctx: ScenarioContext, which: 'next' | 'retired'): Promise<RolloverTarget> {
  const external = ctx.instance.inspect instanceof ExternalSamlSp ? ctx.instance.inspect : undefined;
  if (external) {
    const key = which === 'next' ? external.nextKey : external.retiredKey;
    return {
      label: external.metadata.entityId,
      victim: external.victim,
      current: external.idpKey,
      key,
      login: async (signing) =>
        (
          await external.login(
            external.browser(ctx.instance.fetch, ctx.record),
            external.victim,
            external.setup,
            signing,
          )
        ).signedIn,
    };
  }
  const setup = await mockSpUnderAttack(ctx);
  const { env } = setup;
  const methods = env.sp.profile.saml!.idpConfig.methods;
  if (!methods.includes('metadata-upload'))
    ctx.notApplicable(
      methods.includes('metadata-url')
        ? `${env.sp.id} reads its IdP's metadata from the IdP's own URL, where the reference IdP publishes one key`
        : `${env.sp.id} takes its IdP's certificate typed in, one at a time: a rollover is a new certificate entered by hand`,
    );
  const current = await env.idp.keys();
  const base = await setup.vectorContext(new Date());
  await setup.sp.prepare(base.victim, base.attacker);
  const sso = env.web.urls(env.app).sso;
  return {
    label: env.sp.id,
    victim: base.victim,
    current,
    key: await sharedKeyPair(`rollover:${which}`, JUMPCLOUD),
    async publish(...imports) {
      for (const keys of imports)
        await env.sp.configureIdp({
          metadataXml: buildIdpMetadata({
            entityId: env.app.sso.settings.idpEntityId,
            ssoUrls: { redirect: sso, post: sso },
            certificates: keys.map((key) => key.certificatePem),
          }),
          name: 'JumpCloud',
        });
    },
    async login(signing) {
      const context = await setup.vectorContext(new Date(), signing);
      const built = await context.legit(context.victim);
      const sealed = (await setup.sp.seal(built.xml)) ?? built.xml;
      return (await setup.sp.post(new Browser(ctx.instance.fetch, ctx.record), sealed)).signedIn;
    },
  };
}

export const rolloverScenarios = [
  defineScenario({
    id: 'saml-security/rollover-next-key',
    title: "signs users in with the IdP's next key while its metadata lists both (key rollover)",
    requirements: [ROLLOVER],
    level: 'MUST',
    clause: 'SAML 2.0 Metadata §2.4.1.1 (KeyDescriptor)',
    requires: { saml: true },
    async run(ctx: ScenarioContext) {
      const target = await rolloverTarget(ctx, 'next');
      if (target.key === undefined)
        ctx.notApplicable(
          "the run was given no next key: import the metadata of 'sso-harness idp-metadata --next-idp-keys next.json' into the SP, then pass --next-idp-keys next.json",
        );
      await target.publish?.([target.current, target.key]);
      const who = await target.login(target.key);
      ctx.expect(
        who?.toLowerCase() === target.victim.toLowerCase(),
        `A login signed with the IdP's next key, whose certificate the IdP's metadata lists beside the current one, signed ${who ?? 'nobody'} in: the SP trusts only one certificate of the metadata, so on the day the IdP switches keys every login fails until an admin re-imports it`,
      );
      ctx.note = `The next key signed ${who} in beside the current one`;
    },
  }),
  defineScenario({
    id: 'saml-security/rollover-retired-key',
    title: "refuses the IdP's retired key once its metadata no longer lists it",
    requirements: [ROLLOVER],
    level: 'MUST',
    clause: 'SAML 2.0 Metadata §2.4.1.1 (KeyDescriptor)',
    requires: { saml: true },
    async run(ctx: ScenarioContext) {
      const target = await rolloverTarget(ctx, 'retired');
      if (target.key === undefined)
        ctx.notApplicable(
          'the run was given no retired key: after a rollover, pass the old key pair file as --retired-idp-keys and the new one as --idp-keys',
        );
      // The old key and the current one, then the current one alone: the old key is retired.
      await target.publish?.([target.key, target.current], [target.current]);
      const control = await target.login(target.current);
      ctx.expect(
        control?.toLowerCase() === target.victim.toLowerCase(),
        `After the IdP's metadata dropped its old key, a login signed with the current key signed ${control ?? 'nobody'} in, so no verdict on the retired key: the SP lost the key it should keep`,
      );
      const who = await target.login(target.key);
      ctx.expect(
        who === undefined,
        `A login signed with a key the IdP's metadata no longer lists signed ${who} in: the SP keeps trusting certificates the IdP retired, so whoever holds an old key (one retired because it leaked) still signs any user in`,
      );
    },
  }),
];
