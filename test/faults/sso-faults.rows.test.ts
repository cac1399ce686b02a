import { suites } from '#registry';
import { describe, expect, it } from 'vitest';
import { caughtIn, failingOnSomeSp } from './saml-records.js';
import { SAML_FAULT_SUITES } from './sso-catalog.js';

describe.each(SAML_FAULT_SUITES)('SAML fault records on the %s suite', (suite) => {
  it.each(caughtIn(suite).map((catchers) => [catchers.fault, catchers] as const))(
    `catches %s: each of its ${suite} checks fails on one of its SPs`,
    async (_fault, catchers) => {
      const failed = await failingOnSomeSp(catchers, suites[suite], 5);
      expect(failed.sort()).toEqual([...catchers.checks].sort());
    },
  );
});
