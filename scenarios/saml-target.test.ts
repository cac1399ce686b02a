import { describe, expect, it } from 'vitest';
import { identityIn, jsonPathSteps } from './saml-target.js';

describe('reading the signed-in user from an identity answer', () => {
  const url = 'https://sp.example.com/whoami';

  it('reads plain text, or the JSON keys user, nameId, nameID and email', () => {
    expect(identityIn({ url }, ' ada@example.com\n')).toBe('ada@example.com');
    expect(identityIn({ url }, '{"nameID":"ada@example.com"}')).toBe('ada@example.com');
    expect(identityIn({ url }, '')).toBeUndefined();
    expect(identityIn({ url }, '{"authenticated":false}')).toBeUndefined();
  });

  it('follows a JSON path, and names nobody where the path leads to no string', () => {
    const jsonPath = '$.data.users[0].email';
    expect(identityIn({ url, jsonPath }, '{"data":{"users":[{"email":"ada@example.com"}]}}')).toBe(
      'ada@example.com',
    );
    expect(identityIn({ url, jsonPath }, '{"data":{"users":[]}}')).toBeUndefined();
    expect(identityIn({ url, jsonPath }, '<html>please sign in</html>')).toBeUndefined();
    expect(jsonPathSteps('data.users.0.email')).toEqual(['data', 'users', '0', 'email']);
    expect(() => jsonPathSteps('$')).toThrow(/names no key/);
  });

  it("takes a pattern's first capture group, from a page or a header", () => {
    const pattern = /Signed in as <b>([^<]+)<\/b>/;
    expect(identityIn({ url, pattern }, '<p>Signed in as <b>ada@example.com</b></p>')).toBe(
      'ada@example.com',
    );
    expect(identityIn({ url, pattern }, '<p>Please sign in</p>')).toBeUndefined();
    expect(identityIn({ header: 'x-user', pattern: /^user=(.+)$/ }, 'user=ada')).toBe('ada');
  });
});
