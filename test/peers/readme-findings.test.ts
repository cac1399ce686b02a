import { allScenarios } from '#registry';
import { describe, expect, it } from 'vitest';
import { expectedFailures, readmeFindings } from './readme-findings.js';

/** The README's findings tables as data: what findings.test.ts holds each peer's run to. */
describe("the README's SCIM findings", () => {
  const findings = readmeFindings();

  it('name checks that exist, in dialects that exist', () => {
    const checks = new Set(allScenarios.map((scenario) => scenario.id));
    const unknown = findings.map((f) => f.key.replace(/ \[.*\]$/, '')).filter((id) => !checks.has(id));
    expect(unknown).toEqual([]);
    expect(
      findings.filter((f) => f.key.includes('[') && !f.key.startsWith('scim-protocol/')).length,
    ).toBeGreaterThan(0);
  });

  it('cite the RFC clause each finding breaks', () => {
    const uncited = findings.filter((f) => !/RFC \d{4} §\d/.test(f.text)).map((f) => f.key);
    expect(uncited).toEqual([]);
  });

  it('state each finding once, for both peers', () => {
    const keys = findings.map((f) => `${f.server.split(' ')[0]} ${f.key}`);
    expect(keys.length).toBe(new Set(keys).size);
    expect(Object.keys(expectedFailures('SCIMMY')).length).toBeGreaterThan(10);
    expect(Object.keys(expectedFailures('better-auth')).length).toBeGreaterThan(5);
  });

  it('reads a row with shorthand check names and a row of every dialect', () => {
    const table = [
      '### SCIM',
      '',
      '| server | check | level | finding |',
      '| --- | --- | --- | --- |',
      '| Srv 1.0 | filter-string-ne, -co | warning | case (RFC 7644 §3.4.2.2) |',
      '| | sort | note | soft (RFC 7644 §3.4.2.3) |',
      '',
      '| server | dialects | checks | level | loses |',
      '| --- | --- | --- | --- | --- |',
      '| Srv | all | `group-sync/push-read-back` | error | groups (RFC 7644 §3.3) |',
      '| Srv | okta | — | | works |',
      '',
      '### SAML',
    ].join('\n');
    const keys = readmeFindings(`\n${table}\n`).map((f) => `${f.key}=${f.severity}`);
    expect(keys).toEqual([
      'scim-protocol/filter-string-ne=warning',
      'scim-protocol/filter-string-co=warning',
      'scim-protocol/sort=note',
      'group-sync/push-read-back [jumpcloud]=error',
      'group-sync/push-read-back [entra]=error',
      'group-sync/push-read-back [entra-aadOptscim062020]=error',
      'group-sync/push-read-back [okta]=error',
      'group-sync/push-read-back [okta-aiw]=error',
    ]);
  });
});
