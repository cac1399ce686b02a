import { expect, it } from 'vitest';
import { CORE_REQUIREMENTS } from './index.js';

it('gives every engine row a unique ID, its full text, a level and a source', () => {
  const ids = CORE_REQUIREMENTS.map((row) => row.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const row of CORE_REQUIREMENTS) {
    expect(row.id).toMatch(/^(IDP-(SSO|IDM|SLO)-\d\d|SCIM-[A-Z-]+|SAML-[A-Z0-9-]+)$/);
    expect(row.text, row.id).not.toMatch(/…$/);
    expect(row.text.length, row.id).toBeGreaterThan(20);
    expect(['MUST', 'SHOULD', 'MAY', 'DOC']).toContain(row.level);
    expect(row.source.document.length, row.id).toBeGreaterThan(3);
    expect(row.source.section.length, row.id).toBeGreaterThan(1);
  }
});
