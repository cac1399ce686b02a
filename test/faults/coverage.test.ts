import { allScenarios } from '#registry';
import { expect, it } from 'vitest';
import { IDP_FAULT_CATCHERS, NOT_YET_REPRODUCED, SAML_FAULT_CATCHERS, SP_FAULT_CATCHERS } from './catalog.js';
import { SSO_FAULT_CATCHERS, SSO_NOT_YET_REPRODUCED } from './sso-catalog.js';

it('fails every scenario under at least one fault, so no check is unable to fail', () => {
  const caught = new Set([
    ...Object.values(SP_FAULT_CATCHERS).flat(),
    ...Object.values(IDP_FAULT_CATCHERS).flat(),
    ...Object.values(SAML_FAULT_CATCHERS).flatMap((catcher) =>
      catcher!.fails.map((id) => `saml-security/${id}`),
    ),
    ...SSO_FAULT_CATCHERS,
  ]);
  const never = allScenarios.map((scenario) => scenario.id).filter((id) => !caught.has(id));
  expect(never).toEqual([
    ...SSO_NOT_YET_REPRODUCED,
    ...NOT_YET_REPRODUCED.map((id) => `saml-security/${id}`),
  ]);
});
