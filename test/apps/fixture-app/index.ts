/**
 * The fixture app, whole: what a sixth application needs to join the harness.
 */
import { defineApp } from '#scenarios';
import { fixtureChecks } from './checks.js';
import { fixtureProfile } from './profile.js';
import { FIXTURE_REQUIREMENTS } from './requirements.js';

export const fixture = defineApp({
  id: 'fixture',
  name: 'Fixture App',
  sp: fixtureProfile,
  requirements: FIXTURE_REQUIREMENTS,
  checks: fixtureChecks,
});
