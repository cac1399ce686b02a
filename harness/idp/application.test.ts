import { describe, expect, it } from 'vitest';
import { interactCatalog } from '../../mock-sps/interact/idp.js';
import { Application } from './application.js';
import { IdpError } from './errors.js';
import { mapUser, mappedValue } from './mapping.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('the export attribute mapping', () => {
  it('excludes an optional row, includes it back, and restores the defaults', () => {
    const app = new Application('interact', interactCatalog);
    app.excludeAttribute('title');
    app.excludeAttribute(`${ENTERPRISE}:department`);
    expect(app.exportMappings.filter((row) => row.excluded).map((row) => row.scim)).toEqual([
      'title',
      `${ENTERPRISE}:department`,
    ]);
    app.includeAttribute('title');
    expect([...app.excluded]).toEqual([`${ENTERPRISE}:department`]);
    app.restoreDefaultMappings();
    expect(app.excluded.size).toBe(0);
  });

  it('refuses to exclude a required row, naming the rows that can be', () => {
    const app = new Application('interact', interactCatalog);
    expect(() => app.excludeAttribute('userName')).toThrow(IdpError);
    expect(() => app.excludeAttribute('userName')).toThrow(
      /'userName' is a required attribute mapping.*only optional rows can: userType/,
    );
    expect(app.excluded.size).toBe(0);
  });

  it('refuses unknown rows and custom attributes, and including a row that is not excluded', () => {
    const app = new Application('interact', interactCatalog);
    expect(() => app.excludeAttribute('nickName')).toThrow(
      /has no row 'nickName', and custom attributes cannot be added/,
    );
    expect(() => app.addCustomAttribute('urn:acme:badge')).toThrow(
      /Custom attribute 'urn:acme:badge' cannot be added/,
    );
    expect(() => app.includeAttribute('title')).toThrow(/'title' is not excluded.*: none$/);
  });

  it('never maps an excluded row', () => {
    const app = new Application('interact', interactCatalog);
    app.excludeAttribute('title');
    const user = {
      id: 'u1',
      username: 'ada@example.com',
      email: 'ada@example.com',
      firstname: 'Ada',
      lastname: 'Lovelace',
      jobTitle: 'Analyst',
      suspended: false,
      passwordExpired: false,
    };
    const mapped = mapUser(user, app.catalog.mappings, { excluded: app.excluded, forCreate: true });
    expect(mappedValue(mapped, 'title')).toBeUndefined();
    expect(mappedValue(mapped, 'name.givenName')).toBe('Ada');
    expect(mappedValue(mapped, 'emails[type eq "work"].value')).toBe('ada@example.com');
  });
});
