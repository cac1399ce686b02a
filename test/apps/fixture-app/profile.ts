/**
 * The fixture app's mock SP: SCIM users without groups, and one named rule (FIX-01) that a
 * fault can replace.
 */
import type { AppQuirks, SpProfile } from '#mock-sps';
import { FIXTURE_SP_FAULTS } from './faults.js';

/** The fixture app's named rules. */
export interface FixtureRules {
  /** FIX-01: the displayName as stored. */
  displayName(sent: string): string;
}

export const FIXTURE_RULES: FixtureRules = { displayName: (sent) => sent.toUpperCase() };

const quirks: AppQuirks<FixtureRules> = {
  rules: FIXTURE_RULES,
  build: (_env, rules) => ({
    createUser({ resource }) {
      if (typeof resource.displayName === 'string')
        resource.displayName = rules.displayName(resource.displayName);
    },
  }),
};

export const fixtureProfile: SpProfile = {
  id: 'fixture',
  name: 'Fixture App',
  requirementPrefix: 'FIX',
  scim: {
    host: 'scim.fixture.test',
    basePath: '/scim/v2',
    groups: false,
    deleteUsers: true,
    features: { filterMaxResults: 100, sort: true, etag: true, changePassword: false },
    requestBodyLogging: false,
    storedAs: [],
    localAttributes: [],
    ignoredAttributes: ['password'],
    quirks: quirks as AppQuirks,
  },
  faults: FIXTURE_SP_FAULTS,
};
