import { test } from 'vitest';
import { MockSp } from './mock-sp.js';
import { interactProfile } from '../interact/profile.js';

test('explore', () => {
  let n = 0;
  const sp = new MockSp(interactProfile, { token: 't', now: () => new Date('2024-01-01T00:00:00Z'), newId: () => `id-${++n}` });
  const t0 = performance.now();
  for (let i = 0; i < 20000; i++) sp.seedUser({ userName: `user${i}@example.com`, externalId: `ext-${i}`, name: { givenName: 'A', familyName: 'B' }, emails: [{ value: `user${i}@example.com`, primary: true }] });
  console.log('20k', performance.now() - t0);
  const h = { authorization: 'Bearer t' };
  const t1 = performance.now();
  const r = sp.handle({ method: 'GET', url: `/api/v2/scim/v2/Users?filter=${encodeURIComponent('userName eq "USER19999@example.com"')}`, headers: h });
  console.log(performance.now() - t1, r.body?.slice(0, 200));
});
