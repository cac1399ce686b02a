import { suites } from '#registry';
import { describe, expect, it } from 'vitest';
import { caughtIn, failingOnSomeSp } from './saml-records.js';

describe('SAML fault records on the sso suite', () => {
  it.each(caughtIn('sso').map((catchers) => [catchers.fault, catchers] as const))(
    'catches %s: each of its sso checks fails on one of its SPs',
    async (_fault, catchers) => {
      const failed = await failingOnSomeSp(catchers, suites.sso, 5);
      expect(failed.sort()).toEqual([...catchers.checks].sort());
    },
  );
});
