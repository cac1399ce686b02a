/**
 * A provisioning pass where some creates fail, for the tests of what the IdP does about them:
 * an Interact mock behind a fetch that answers 500 to every create of a user in `failing` (while
 * it holds them), and a virtual clock the IdP sleeps on.
 */
import { MockSp, inProcessFetch } from '#mock-sps';
import { mockSps } from '#registry';
import { PersonFactory } from '#harness/people';
import type { FetchLike } from '#harness/scim';
import { interactCatalog } from '../../mock-sps/interact/idp.js';
import { ReferenceIdp } from './reference-idp.js';

/** `users` directory users in one bound group, every `failingEvery`-th one failing; provisioning not yet on. */
export async function failingPass(users: number, failingEvery: number) {
  const sp = new MockSp(mockSps.interact);
  const failing = new Set<string>();
  const through = inProcessFetch([sp]);
  /** The userNames of every create sent, retries included. */
  const sent: string[] = [];
  const fetch: FetchLike = async (input, init) => {
    if (init.method === 'POST' && typeof init.body === 'string' && input.endsWith('/Users')) {
      const userName = (JSON.parse(init.body) as { userName?: string }).userName;
      sent.push(String(userName).toLowerCase());
      if (userName !== undefined && failing.has(userName.toLowerCase()))
        return new Response('{"detail":"injected"}', {
          status: 500,
          headers: { 'content-type': 'application/json' },
        });
    }
    return through(input, init);
  };
  let clock = Date.parse('2026-01-01T00:00:00Z');
  const slept: number[] = [];
  const idp = new ReferenceIdp({
    fetch,
    now: () => new Date(clock),
    sleep: (ms) => {
      slept.push(ms);
      clock += ms;
      return Promise.resolve();
    },
  });
  const app = idp.createApplication(interactCatalog);
  const people = new PersonFactory(7);
  const team = idp.directory.createGroup('Everyone');
  const emails: string[] = [];
  for (let i = 0; i < users; i++) {
    const person = people.next();
    emails.push(person.email.toLowerCase());
    idp.directory.addMember(team.id, idp.directory.createUser(person).id);
    if (i % failingEvery === 0) failing.add(person.email.toLowerCase());
  }
  await idp.bindGroup(app, team.id);
  const provisioned = () =>
    new Set(sp.state().users.map((user) => String(user.resource.userName).toLowerCase()));
  return { sp, idp, app, failing, emails, provisioned, slept, sent, advance: (ms: number) => (clock += ms) };
}
