/**
 * The fixture app's one row.
 */
import { defineRequirements, type CoreRequirementId, type RequirementIdOf } from '#harness/requirements';
import { checksCiting } from '#harness/runner';

export const FIXTURE_REQUIREMENTS = defineRequirements([
  {
    id: 'FIX-01',
    level: 'DOC',
    text: 'The fixture app stores every displayName in upper case.',
    source: { document: 'test/apps/fixture-app/README.md', section: 'the rule' },
  },
] as const);

/** Declares a check of the fixture app. */
export const defineFixtureCheck = checksCiting<
  RequirementIdOf<typeof FIXTURE_REQUIREMENTS> | CoreRequirementId
>();
