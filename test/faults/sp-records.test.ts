import { SCIM_FAULT_RECORDS, SP_IDS, mockSps, REQUIREMENTS, allScenarios } from '#registry';
import { expect, it } from 'vitest';

it('cites known requirements and names existing checks in every SP fault record', () => {
  const requirements = new Set(REQUIREMENTS.map((requirement) => requirement.id));
  const checks = new Set(allScenarios.map((scenario) => scenario.id));
  const unknown = SCIM_FAULT_RECORDS.flatMap((fault) => [
    ...fault.cites.filter((id) => !requirements.has(id)).map((id) => `${fault.id} cites ${id}`),
    ...fault.caughtBy.filter((id) => !checks.has(id)).map((id) => `${fault.id} is caught by ${id}`),
    ...(fault.cites.length === 0 ? [`${fault.id} cites nothing`] : []),
    ...(fault.caughtBy.length === 0 ? [`${fault.id} is caught by nothing`] : []),
  ]);
  expect(unknown).toEqual([]);
});

it('gives each SP fault one id, and each app fault to the profile of its app', () => {
  const ids = SCIM_FAULT_RECORDS.map((fault) => fault.id);
  expect(ids.length).toBe(new Set(ids).size);
  for (const id of SP_IDS) {
    const profile = mockSps[id];
    const own = 'faults' in profile ? profile.faults : [];
    expect(own.filter((fault) => fault.app !== id)).toEqual([]);
  }
});
