/**
 * A provisioning pass at scale with injected failures, with the numbers: 10,000 users, one create
 * in 20 answered 500. The pass provisions everyone else; the IdP's retries, on its clock, the rest.
 */
import { expect, it } from 'vitest';
import { failingPass } from '../../harness/idp/test-failing-pass.js';

const USERS = 10_000;
const FAILING_EVERY = 20;

it(`provisions every other user of ${USERS.toLocaleString('en')} when one in ${FAILING_EVERY} fails, then the rest on retry`, async () => {
  const { sp, idp, app, failing, emails, provisioned } = await failingPass(USERS, FAILING_EVERY);
  const started = performance.now();
  await expect(idp.activateIdm(app, { baseUrl: sp.scimBaseUrl!, token: sp.token })).rejects.toThrow(
    /500 users and groups of \w+ failed to provision in this pass/,
  );
  const held = provisioned();
  const missing = emails.filter((email) => !failing.has(email) && !held.has(email));
  console.info(
    `first pass: ${held.size} of ${USERS} provisioned, ${failing.size} failing, ${missing.length} others missing, ${Math.round(performance.now() - started)} ms`,
  );
  expect(missing).toEqual([]);
  expect(idp.failedProvisioning(app)?.users).toHaveLength(failing.size);

  failing.clear();
  expect(await idp.retryUntilDone(app)).toEqual({ status: 'done', retried: USERS / FAILING_EVERY });
  expect(provisioned().size).toBe(USERS);
  // The one group holds everyone.
  expect(sp.state().groups.map((group) => (group.resource.members as unknown[]).length)).toEqual([USERS]);
}, 120_000);
