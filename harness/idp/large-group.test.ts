/**
 * The first sync of one group of 25,000 members to a mock SP that takes 1 MiB a request, as SPs
 * commonly do. Above about 21,000 members a group's member references alone pass 1 MiB, so the
 * group reaches the SP only when its members are split over requests (IDP-IDM-14). Slow tier:
 * 25,000 users are provisioned first (about 12 s of the test).
 */
import { mockSps } from '#registry';
import { expect, test } from 'vitest';
import { DEFAULT_BODY_LIMIT, MockSp, inProcessFetch } from '#mock-sps';
import type { JsonObject } from '#harness/scim';
import { interactCatalog } from '../../mock-sps/interact/idp.js';
import { ReferenceIdp } from './reference-idp.js';

const MEMBERS = 25_000;
/**
 * Members a request: 1,000, the largest figure Okta lets an integration choose. The mock SP
 * checks and re-indexes the whole group on every PATCH (about 0.2 s at 25,000 members), so the
 * default 100 (250 PATCHes) takes about a minute here; the splitting is the same, and
 * reference-groups.test.ts covers the default.
 */
const PER_REQUEST = 1_000;

test(
  `syncs a group of ${MEMBERS.toLocaleString('en')} members whole to an SP taking 1 MiB a request, none refused 413`,
  { timeout: 120_000 },
  async () => {
    const sp = new MockSp(mockSps.interact);
    expect(sp.bodyLimit).toBe(DEFAULT_BODY_LIMIT);
    const sizes: number[] = [];
    const idp = new ReferenceIdp({
      fetch: inProcessFetch([sp]),
      record: (exchange) => {
        const { method, url, body } = exchange.request;
        if (method !== 'GET' && /\/Groups(\/|$)/.test(new URL(url).pathname))
          sizes.push(Buffer.byteLength(body ?? ''));
      },
    });
    const app = idp.createApplication({ ...interactCatalog, maxMembersPerRequest: PER_REQUEST });
    await idp.activateIdm(app, { baseUrl: sp.scimBaseUrl!, token: sp.token });
    sizes.length = 0;
    const groupId = idp.directory.createGroup('Everyone').id;
    for (let n = 0; n < MEMBERS; n++) {
      const email = `member.${n}@example.com`;
      const userId = await idp.createUser({ username: email, email, firstname: 'Member', lastname: `${n}` });
      idp.directory.addMember(groupId, userId);
    }

    await idp.bindGroup(app, groupId);

    const spId = app.groups.get(groupId)?.spId;
    const group = sp.state().groups.find((candidate) => candidate.id === spId);
    const held = ((group?.resource.members as JsonObject[] | undefined) ?? []).map((m) => String(m.value));
    const expected = [...idp.directory.group(groupId).members].map((id) => app.users.get(id)?.spId);
    expect(held).toHaveLength(MEMBERS);
    expect(new Set(held)).toEqual(new Set(expected));
    expect(sp.requests().filter((request) => request.status === 413)).toEqual([]);
    // One POST and 24 PATCHes, each well within the limit that one request of them all would pass.
    expect(sizes).toHaveLength(MEMBERS / PER_REQUEST);
    expect(Math.max(...sizes)).toBeLessThan(DEFAULT_BODY_LIMIT / 10);
    expect(JSON.stringify(held.map((value) => ({ value }))).length).toBeGreaterThan(DEFAULT_BODY_LIMIT);
  },
);
