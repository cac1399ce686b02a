import { describe, expect, it } from 'vitest';
import { BRIDGE_PROTOCOL, answerProblems, eventProblems } from './protocol.js';

const app = {
  name: 'outreach',
  scim: { baseUrl: 'http://127.0.0.1:1/scim/v2', token: 't' },
  mappings: [{ scim: 'userName', source: { property: 'email' }, optional: false }],
  excluded: [],
};
const user = {
  id: 'u1',
  username: 'ada',
  email: 'ada@example.com',
  firstname: 'Ada',
  lastname: 'Lovelace',
  suspended: false,
  passwordExpired: false,
};

describe('the bridge protocol schema', () => {
  it('takes a well-formed event and names what a malformed one lacks', () => {
    const event = { protocol: BRIDGE_PROTOCOL, id: 'evt-1', event: 'user.provision', app, user, link: {} };
    expect(eventProblems(event)).toBeUndefined();
    expect(eventProblems({ ...event, link: undefined })).toMatch(/must have required property 'link'/);
    expect(eventProblems({ ...event, event: 'user.create' })).toMatch(/\/event must be equal to one of/);
  });

  it('takes the answers the protocol allows and names what is wrong with others', () => {
    expect(answerProblems({ ok: true })).toBeUndefined();
    expect(answerProblems({ ok: true, link: { spId: 'x', lastSent: {} } })).toBeUndefined();
    expect(answerProblems({ ok: false, error: 'POST /Users answered 500' })).toBeUndefined();
    expect(answerProblems({ ok: false })).toMatch(/must have required property 'error'/);
    expect(answerProblems({ ok: 'yes' })).toMatch(/\/ok must be boolean/);
    expect(
      answerProblems({ ok: true, events: [{ event_type: 'user_create_provision', outcome: 'maybe' }] }),
    ).toMatch(/\/events\/0\/outcome must be equal to one of/);
  });
});
