import { beforeAll, describe, expect, it } from 'vitest';
import { RESPONSE_STEPS, runResponseSteps, validateResponse } from './validate-response.js';
import { loadTestKeys, policy, refusals } from './test-support.js';

beforeAll(loadTestKeys);

describe('validateResponse refusals', () => {
  it.each(refusals)('refuses $title ($reason)', async ({ reason, xml, policy: overrides }) => {
    await expect(validateResponse(await xml(), policy(overrides))).rejects.toMatchObject({
      code: 'SAML_REFUSED',
      reason,
    });
  });

  it.each(refusals.map((refusal) => ({ ...refusal, steps: Object.keys(refusal.vulnerable).join(', ') })))(
    'accepts $title when $steps are vulnerable',
    async ({ vulnerable, xml, policy: overrides }) => {
      const steps = { ...RESPONSE_STEPS, ...vulnerable };
      const login = await runResponseSteps(steps, await xml(), policy(overrides));
      expect(login.assertionId).toMatch(/^[A-Z][A-Z0-9]{39}$/);
    },
  );
});
