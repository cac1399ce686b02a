import { describe, expect, it } from 'vitest';
import { USER_SCHEMA } from '#harness/scim';
import { expectRefused, patchOp, setupSp } from './test-support.js';

const user = (fields: Record<string, unknown>) => ({
  schemas: [USER_SCHEMA],
  userName: 'alice@example.com',
  ...fields,
});
const listFilter = (filter: string) => ({
  method: 'GET',
  path: `/Users?filter=${encodeURIComponent(filter)}`,
});

describe('strict SCIM input', () => {
  it.each(['', ' ', '\t \n'])(
    'refuses the userName %j with 400 invalidValue, on POST, PUT and PATCH (RFC 7643 §4.1.1)',
    (userName) => {
      const { sp, send } = setupSp();
      const { json } = send('POST', '/Users', user({}));
      const res = expectRefused(
        sp,
        { method: 'POST', path: '/Users', body: user({ userName }) },
        400,
        'invalidValue',
      );
      expect(res.json.detail).toContain('userName');
      expectRefused(
        sp,
        { method: 'PUT', path: `/Users/${String(json.id)}`, body: user({ userName }) },
        400,
        'invalidValue',
      );
      expectRefused(
        sp,
        {
          method: 'PATCH',
          path: `/Users/${String(json.id)}`,
          body: patchOp({ op: 'replace', path: 'userName', value: userName }),
        },
        400,
        'invalidValue',
      );
    },
  );

  it('refuses more than one primary value of a multi-valued attribute (RFC 7643 §2.4), and takes one', () => {
    const { sp, send } = setupSp();
    const emails = [
      { value: 'a@example.com', primary: true },
      { value: 'b@example.com', primary: true },
    ];
    const res = expectRefused(
      sp,
      { method: 'POST', path: '/Users', body: user({ emails }) },
      400,
      'invalidValue',
    );
    expect(res.json.detail).toContain("'emails' has 2 values");
    expect(send('POST', '/Users', user({ emails: [emails[0], { value: 'b@example.com' }] })).status).toBe(
      201,
    );
  });

  it('demotes the other values when a PATCH makes one primary, as RFC 7644 §3.5.2 says, rather than refusing', () => {
    const { send } = setupSp();
    const { json } = send('POST', '/Users', user({ emails: [{ value: 'a@example.com', primary: true }] }));
    const patched = send(
      'PATCH',
      `/Users/${String(json.id)}`,
      patchOp({ op: 'add', path: 'emails', value: [{ value: 'c@example.com', primary: true }] }),
    );
    expect(patched.status).toBe(200);
    expect(patched.json.emails).toEqual([
      { value: 'a@example.com', primary: false },
      { value: 'c@example.com', primary: true },
    ]);
  });

  it.each([
    'usrName eq "alice@example.com"',
    'name.nickname eq "x"',
    'emails[kind eq "work"]',
    'nosuch[value eq "x"]',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:nosuch eq "x"',
    'userName eq "a" or nosuch pr',
  ])(
    'refuses the filter %j, which names an attribute the User schema lacks, with 400 invalidFilter',
    (filter) => {
      const { sp } = setupSp();
      const res = expectRefused(sp, listFilter(filter), 400, 'invalidFilter');
      expect(res.json.detail).toContain('not an attribute of User');
    },
  );

  it.each([
    'userName eq "alice@example.com"',
    'USERNAME eq "alice@example.com"',
    'emails[type eq "work" and value co "@"]',
    'urn:ietf:params:scim:schemas:core:2.0:User:name.familyName pr',
    'meta.lastModified gt "2020-01-01T00:00:00Z"',
    'externalId eq "x" or id eq "y"',
  ])('takes the filter %j on attributes the schema has', (filter) => {
    const { send } = setupSp();
    send('POST', '/Users', user({}));
    expect(send(listFilter(filter).method, listFilter(filter).path).status).toBe(200);
  });

  it('refuses an unknown attribute the same way whatever the store holds, in POST .search too', () => {
    const { sp, send } = setupSp();
    expectRefused(sp, listFilter('usrName eq "x"'), 400, 'invalidFilter');
    send('POST', '/Users', user({}));
    expectRefused(
      sp,
      {
        method: 'POST',
        path: '/Users/.search',
        body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], filter: 'usrName eq "x"' },
      },
      400,
      'invalidFilter',
    );
  });

  it('refuses in a root search only what no resource type has', () => {
    const { sp, send } = setupSp();
    const search = (filter: string) => ({
      method: 'POST',
      path: '/.search',
      body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], filter },
    });
    expect(
      send(
        search('userName eq "x" or displayName eq "y"').method,
        '/.search',
        search('displayName eq "y"').body,
      ).status,
    ).toBe(200);
    expectRefused(sp, search('nosuch eq "x"'), 400, 'invalidFilter');
  });
});
