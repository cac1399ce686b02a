import { describe, expect, it } from 'vitest';
import { MASK, maskBody, maskHeaders, maskUrl } from './mask.js';

describe('request log masking', () => {
  it('cuts a long body to 16 KiB, saying how long it was', () => {
    const body = `<samlp:Response>${'x'.repeat(300_000)}</samlp:Response>`;
    const shown = maskBody(body, 'application/xml')!;
    expect(shown.length).toBeLessThan(16_384 + 100);
    expect(shown).toContain(`[cut: ${body.length} bytes in all`);
  });

  it('keeps the scheme of an Authorization header and drops the credential', () => {
    expect(maskHeaders({ authorization: 'Bearer abc.def', 'content-type': 'application/scim+json' })).toEqual(
      {
        authorization: `Bearer ${MASK}`,
        'content-type': 'application/scim+json',
      },
    );
    expect(maskHeaders({ authorization: 'opaque' }).authorization).toBe(MASK);
  });

  it('names the cookies sent and set, never their values', () => {
    expect(maskHeaders({ cookie: 'idp_session=s1; outreach_session=s2' }).cookie).toBe(
      `idp_session=${MASK}; outreach_session=${MASK}`,
    );
    expect(maskHeaders({ 'set-cookie': 'idp_session=s1; Path=/; HttpOnly' })['set-cookie']).toBe(
      `idp_session=${MASK}; Path=/; HttpOnly`,
    );
  });

  it('masks secret query parameters and form fields, and keeps SAML messages', () => {
    expect(maskUrl('/cb?code=c0de&state=s&access_token=t')).toBe(
      `/cb?code=${MASK}&state=s&access_token=${MASK}`,
    );
    expect(
      maskBody(
        'email=a%40b.c&password=pw&csrf=x&SAMLResponse=PHNhbWw%2B',
        'application/x-www-form-urlencoded',
      ),
    ).toBe(`email=a%40b.c&password=${MASK}&csrf=${MASK}&SAMLResponse=PHNhbWw%2B`);
  });

  it('masks secret members of a JSON body at any depth', () => {
    const body = JSON.stringify({
      userName: 'a',
      password: 'pw',
      nested: [{ refresh_token: 'r', countryCode: 'NZ' }],
    });
    expect(JSON.parse(maskBody(body, 'application/scim+json')!)).toEqual({
      userName: 'a',
      password: MASK,
      nested: [{ refresh_token: MASK, countryCode: 'NZ' }],
    });
  });

  it('leaves HTML pages out, whose forms carry session tokens', () => {
    expect(
      maskBody('<form><input name="csrf" value="x"></form>', 'text/html; charset=utf-8'),
    ).toBeUndefined();
  });
});
