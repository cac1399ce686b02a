import { beforeAll, describe, expect, test } from 'vitest';
import { RESPONSE_STEP_NAMES, buildResponse, lookAlikeKeyPair, signXml } from '#harness/saml';
import type { SpFault } from '../fault.js';
import { MockSp } from '../mock-sp.js';
import { SAML_FAULTS, isSamlFault, type SamlFault } from '../saml-faults.js';
import { STRICT_ACS_STEPS } from './acs-steps.js';
import { SAML_CORE_FAULTS } from './faults.js';
import type { LoginRefusal } from './refusals.js';
import {
  NOW,
  attackerKey,
  idpKey,
  lastLogin,
  plainSamlProfile,
  postAcs,
  responseFor,
  samlSp,
} from './test-support.js';

const VICTIM = 'victim@example.com';
/**
 * Faults proven by the suites instead: signature wrapping and DOCTYPE entities by
 * saml-security (test/faults/saml-faults.test.ts), a forgotten metadata import by the
 * sso rows (test/faults/sso-faults.rows.test.ts).
 */
const PROVEN_BY_THE_SUITE: ReadonlySet<SamlFault> = new Set([
  'xsw-vulnerable',
  'process-doctype',
  'metadata-import-ignored',
  // Only an SP that takes encrypted assertions only has the rule to break (Salesforce in the suite).
  'accept-unencrypted-assertion',
]);

const ALL_FAULTS = SAML_CORE_FAULTS.map((fault) => fault.id);
const RECORDS: readonly SpFault[] = SAML_CORE_FAULTS;

/** Whether `fault` replaces one of the SAML checks (the others change the SP's own rules or data). */
function replacesACheck(fault: SpFault): boolean {
  const response = fault.apply.acs?.(STRICT_ACS_STEPS).response;
  return RESPONSE_STEP_NAMES.some((name) => response && response[name] !== STRICT_ACS_STEPS.response[name]);
}

interface Attack {
  name: string;
  /** The refusal a strict SP answers. */
  reason: LoginRefusal;
  /** The faults that let it through, each with the user it signs in. */
  passesWith: Partial<Record<SamlFault, string>>;
  /** Posted once and accepted before the attack (a replay). */
  primed?: boolean;
  xml: string;
}

/** The victim's assertion with `edit` applied before the IdP signs it. */
async function editedThenSigned(sp: MockSp, edit: (xml: string) => string): Promise<string> {
  const saml = sp.saml!;
  const { xml, assertionId } = await buildResponse(
    {
      issuer: sp.idpSettings()!.entityId!,
      destination: saml.acsUrl,
      audience: saml.entityId,
      nameId: { value: VICTIM },
      now: NOW,
    },
    { key: await idpKey(), signAssertion: false, signResponse: false },
  );
  const edited = edit(xml);
  expect(edited).not.toBe(xml);
  return signXml(edited, assertionId, await idpKey());
}

const ASSERTION = /<saml2:Assertion\b[\s\S]*<\/saml2:Assertion>/;

/** Each attack built once, minimally, against a reference SP (all SPs here share its URLs). */
async function buildAttacks(sp: MockSp): Promise<Attack[]> {
  const victim = { nameId: VICTIM };
  const legit = await responseFor(sp, victim);
  const second = (await responseFor(sp, { nameId: 'mallory@evil.test' })).match(ASSERTION)![0];
  const commented = (await responseFor(sp, { nameId: `${VICTIM}.evil.test` })).replace(
    `${VICTIM}.evil.test</saml2:NameID>`,
    `${VICTIM}<!---->.evil.test</saml2:NameID>`,
  );
  const with_ = (input: Parameters<typeof responseFor>[1]) => responseFor(sp, { ...victim, ...input });
  return [
    {
      name: 'an unsigned assertion',
      reason: 'assertion-unsigned',
      passesWith: { 'skip-signature-check': 'victim' },
      xml: await with_({ signing: { signAssertion: false } }),
    },
    {
      name: 'an assertion signed by an untrusted key with its certificate in KeyInfo',
      reason: 'untrusted-certificate',
      // attackerKey's certificate bears the IdP certificate's names, so a by-name SP falls for it too.
      passesWith: {
        'trust-keyinfo-certificate': 'victim',
        'trust-certificate-by-name': 'victim',
        'skip-signature-check': 'victim',
      },
      xml: await with_({ signing: { key: await attackerKey() } }),
    },
    {
      name: "a stranger key under a certificate copying the IdP certificate's names",
      reason: 'untrusted-certificate',
      passesWith: {
        'trust-certificate-by-name': 'victim',
        'trust-keyinfo-certificate': 'victim',
        'skip-signature-check': 'victim',
      },
      xml: await with_({
        signing: { key: await lookAlikeKeyPair((await idpKey()).certificatePem, await attackerKey()) },
      }),
    },
    {
      name: 'two assertions',
      reason: 'assertion-multiple',
      passesWith: { 'first-assertion': 'victim', 'verify-any-decrypted-assertion': 'victim' },
      xml: legit.replace('</saml2:Assertion>', `</saml2:Assertion>${second}`),
    },
    {
      name: 'a comment inside the signed NameID',
      // Refused before any user lookup: a NameID must be plain text in the message as sent.
      reason: 'malformed',
      passesWith: { 'first-text-node': 'victim' },
      xml: commented,
    },
    {
      name: 'a replayed assertion',
      reason: 'replay',
      passesWith: { 'no-replay-cache': 'victim' },
      primed: true,
      xml: legit,
    },
    {
      name: 'another SP as Audience',
      reason: 'audience-mismatch',
      passesWith: { 'skip-audience-check': 'victim' },
      xml: await with_({ input: { audience: 'https://other-sp.test' } }),
    },
    {
      name: 'another ACS as Recipient',
      reason: 'recipient-mismatch',
      passesWith: { 'skip-recipient-check': 'victim' },
      xml: await with_({ input: { recipient: 'https://other-sp.test/acs' } }),
    },
    {
      name: 'another ACS as Destination',
      reason: 'destination-mismatch',
      passesWith: { 'skip-destination-check': 'victim' },
      xml: await with_({ input: { destination: 'https://other-sp.test/acs', recipient: sp.saml!.acsUrl } }),
    },
    {
      name: 'another Issuer',
      reason: 'issuer-mismatch',
      passesWith: { 'skip-issuer-check': 'victim' },
      xml: await with_({ input: { issuer: 'https://evil-idp.test' } }),
    },
    {
      name: 'an expired assertion',
      reason: 'expired',
      passesWith: { 'skip-time-check': 'victim' },
      xml: await with_({ input: { now: new Date(NOW.getTime() - 3_600_000) } }),
    },
    {
      name: 'an InResponseTo never sent',
      reason: 'in-response-to-mismatch',
      passesWith: { 'ignore-in-response-to': 'victim' },
      xml: await with_({ input: { inResponseTo: 'ID_NEVER_SENT' } }),
    },
    {
      name: 'a Requester status',
      reason: 'status-not-success',
      passesWith: { 'ignore-status': 'victim' },
      xml: await with_({ input: { statusCode: 'urn:oasis:names:tc:SAML:2.0:status:Requester' } }),
    },
    {
      name: 'an RSA-SHA1 signature',
      reason: 'weak-algorithm',
      passesWith: { 'accept-sha1': 'victim', 'skip-signature-check': 'victim' },
      xml: await with_({ signing: { algorithm: 'rsa-sha1' } }),
    },
    {
      name: 'no SubjectConfirmation',
      reason: 'subject-confirmation-missing',
      passesWith: { 'no-subject-check': 'victim' },
      xml: await editedThenSigned(sp, (xml) =>
        xml.replace(/<saml2:SubjectConfirmation\b[\s\S]*<\/saml2:SubjectConfirmation>/, ''),
      ),
    },
    {
      name: 'no AuthnStatement',
      reason: 'authn-statement-missing',
      passesWith: { 'no-authn-statement-check': 'victim' },
      xml: await editedThenSigned(sp, (xml) =>
        xml.replace(/<saml2:AuthnStatement\b[\s\S]*<\/saml2:AuthnStatement>/, ''),
      ),
    },
  ];
}

/** A strict or faulted plain SP, with the victim as its user. */
async function spWith(fault: SamlFault | undefined) {
  const { sp } = await samlSp(plainSamlProfile, { samlFaults: fault ? [fault] : [] });
  sp.seedSamlUser({ userName: 'victim', email: VICTIM });
  return sp;
}

let attacks: Attack[];
beforeAll(async () => {
  attacks = await buildAttacks(await spWith(undefined));
});

describe('SAML fault switches', () => {
  test('each is a SAML record with its bug and citations, replacing only named steps', () => {
    for (const fault of RECORDS) {
      expect(fault.area, fault.id).toBe('saml');
      // Requirement IDs go in `cites`, not in a trailing parenthetical of the sentence.
      expect(fault.bug, fault.id).not.toMatch(/\((?:[A-Z]+-[A-Z0-9-]+(?:, )?)+\)$/);
      expect(fault.cites.length, fault.id).toBeGreaterThan(0);
      expect(isSamlFault(fault.id) && SAML_FAULTS[fault.id]).toBe(fault.bug);
      const steps = fault.apply.acs?.(STRICT_ACS_STEPS) ?? STRICT_ACS_STEPS;
      expect(Object.keys(steps).sort(), fault.id).toEqual(Object.keys(STRICT_ACS_STEPS).sort());
      expect(Object.keys(steps.response), fault.id).toEqual([...RESPONSE_STEP_NAMES]);
    }
    expect(new Set(ALL_FAULTS).size).toBe(ALL_FAULTS.length);
    expect(isSamlFault('trust-everything')).toBe(false);
  });

  test('an SP refuses an unknown fault id with a TypeError naming the known ones', () => {
    expect(() => new MockSp(plainSamlProfile, { samlFaults: ['trust-everything' as SamlFault] })).toThrow(
      /Unknown SAML fault 'trust-everything'; known: skip-signature-check/,
    );
  });

  test('a strict SP refuses every attack with its reason', async () => {
    const sp = await spWith(undefined);
    for (const attack of attacks) {
      if (attack.primed) expect((await postAcs(sp, attack.xml)).status, attack.name).toBe(303);
      const res = await postAcs(sp, attack.xml);
      expect(res.status, attack.name).toBe(403);
      expect(lastLogin(sp), attack.name).toMatchObject({ outcome: 'refused', reason: attack.reason });
    }
    expect(sp.state().sessions).toHaveLength(attacks.filter((attack) => attack.primed).length);
  });

  test.each(ALL_FAULTS.filter((fault) => !PROVEN_BY_THE_SUITE.has(fault)))(
    '%s lets exactly its attacks through, signing in whom it should',
    async (fault) => {
      const sp = await spWith(fault);
      const outcomes: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const attack of attacks) {
        if (attack.primed) await postAcs(sp, attack.xml);
        const res = await postAcs(sp, attack.xml);
        const login = lastLogin(sp)!;
        outcomes[attack.name] = res.status === 303 ? `signed in ${login.user}` : `refused ${login.reason}`;
        const passes = attack.passesWith[fault];
        expected[attack.name] = passes === undefined ? `refused ${attack.reason}` : `signed in ${passes}`;
      }
      expect(outcomes).toEqual(expected);
    },
  );

  test('every fault that replaces a SAML check has an attack here that it lets through', () => {
    const caught = new Set(attacks.flatMap((attack) => Object.keys(attack.passesWith)));
    const replacing = SAML_CORE_FAULTS.filter(replacesACheck)
      .map((fault) => fault.id)
      .filter((fault) => !PROVEN_BY_THE_SUITE.has(fault));
    expect(replacing.filter((fault) => !caught.has(fault))).toEqual([]);
    // The SP-rule faults are exercised by the app tests (outreach, salesforce, interact, profitco).
  });
});
