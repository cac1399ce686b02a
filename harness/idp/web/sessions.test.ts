import { describe, expect, it } from 'vitest';
import { SessionStore } from './sessions.js';

function store(options: ConstructorParameters<typeof SessionStore>[2] = {}) {
  let clock = Date.parse('2026-01-01T00:00:00Z');
  let index = 0;
  const sessions = new SessionStore(
    () => new Date(clock),
    () => `_s${++index}`,
    options,
  );
  return { sessions, advance: (ms: number) => (clock += ms) };
}

describe('SessionStore', () => {
  it('keeps signed-in sessions apart from anonymous ones: no number of login starts signs anybody out', () => {
    const { sessions } = store({ maxSessions: 5, maxAnonymous: 3 });
    const member = sessions.signIn(sessions.create(), 'user-1');
    const started = Array.from({ length: 50 }, () => sessions.create());

    expect(sessions.get(member.id)?.userId).toBe('user-1');
    expect(sessions.size).toEqual({ signedIn: 1, anonymous: 3 });
    // The oldest anonymous sessions went, the latest stay.
    expect(sessions.get(started[0]!.id)).toBeUndefined();
    expect(sessions.get(started.at(-1)!.id)).toBeDefined();
  });

  it('bounds signed-in sessions on their own, the oldest going first', () => {
    const { sessions } = store({ maxSessions: 2 });
    const [first, second, third] = ['a', 'b', 'c'].map((user) => sessions.signIn(undefined, user));
    expect(sessions.get(first!.id)).toBeUndefined();
    expect(sessions.get(second!.id)).toBeDefined();
    expect(sessions.get(third!.id)).toBeDefined();
  });

  it('rotates the id at sign-in: the anonymous session ends and its pending requests carry over', () => {
    const { sessions } = store();
    const anonymous = sessions.create();
    const signedIn = sessions.signIn(anonymous, 'user-1');
    expect(signedIn.id).not.toBe(anonymous.id);
    expect(sessions.get(anonymous.id)).toBeUndefined();
    expect(sessions.size).toEqual({ signedIn: 1, anonymous: 0 });
  });

  it('ends sessions after their lifetime', () => {
    const { sessions, advance } = store({ ttlSeconds: 60 });
    const member = sessions.signIn(undefined, 'user-1');
    advance(60_000);
    expect(sessions.get(member.id)).toBeUndefined();
    expect(sessions.size).toEqual({ signedIn: 0, anonymous: 0 });
  });
});
