import { beforeAll, describe, expect, it } from 'vitest';
import { validateResponse } from './validate-response.js';
import { loadTestKeys, policy, refusals } from './test-support.js';

beforeAll(loadTestKeys);

describe('validateResponse refusals', () => {
  it.each(refusals)('refuses $title ($reason)', async ({ reason, xml, policy: overrides }) => {
    await expect(validateResponse(await xml(), policy(overrides))).rejects.toMatchObject({
      code: 'SAML_REFUSED',
      reason,
    });
  });

  it.each(refusals)(
    'accepts $title when the $skip check is skipped',
    async ({ skip, xml, policy: overrides }) => {
      const login = await validateResponse(await xml(), policy({ ...overrides, skip: new Set([skip]) }));
      expect(login.assertionId).toMatch(/^[A-Z][A-Z0-9]{39}$/);
    },
  );
});
