import { describe, expect, it } from 'vitest';
import { FAILED_RETRY, retryDelayMs } from './provisioner.js';
import { failingPass as setup } from './test-failing-pass.js';

describe('a provisioning pass with failing users', () => {
  it('provisions everyone else, records each failure with its reason, and owes only the failed ones', async () => {
    const { sp, idp, app, failing, emails, provisioned } = await setup(100, 10);
    await expect(idp.activateIdm(app, { baseUrl: sp.scimBaseUrl!, token: sp.token })).rejects.toThrow(
      /10 users and groups of \w+ failed to provision in this pass .* the others are provisioned/,
    );
    const held = provisioned();
    expect(emails.filter((email) => !failing.has(email)).every((email) => held.has(email))).toBe(true);
    expect([...failing].some((email) => held.has(email))).toBe(false);
    // The group went too, with the members the SP holds.
    expect(sp.state().groups.map((group) => (group.resource.members as unknown[]).length)).toEqual([90]);

    const owed = idp.failedProvisioning(app)!;
    expect(owed.users).toHaveLength(10);
    expect(owed.reason).toContain('500');
    expect(owed.retries).toBe(0);
    const failures = idp.insights.events.filter((event) => event.outcome === 'failure');
    expect(failures.filter((event) => event.event_type === 'user_create_provision')).toHaveLength(10);
    expect(failures.every((event) => event.detail.length > 0)).toBe(true);
  });

  it('tries the failed ones again when due, with back-off, until the SP takes them', async () => {
    const { sp, idp, app, failing, emails, provisioned, slept, sent, advance } = await setup(30, 5);
    await idp.activateIdm(app, { baseUrl: sp.scimBaseUrl!, token: sp.token }).catch(() => undefined);

    expect(await idp.retryFailed(app)).toMatchObject({ status: 'not-due' });
    advance(retryDelayMs(1));
    const before = sent.length;
    const second = await idp.retryFailed(app);
    expect(second).toMatchObject({ status: 'failed', owed: { retries: 1 } });
    // Only the failed users were sent again (each with its request retries), not the whole directory.
    expect(new Set(sent.slice(before))).toEqual(failing);

    failing.clear();
    slept.length = 0;
    expect(await idp.retryUntilDone(app)).toEqual({ status: 'done', retried: 6 });
    expect(slept).toEqual([retryDelayMs(2)]);
    expect(emails.every((email) => provisioned().has(email))).toBe(true);
    expect(idp.failedProvisioning(app)).toBeUndefined();
  });

  it('stops retrying after FAILED_RETRY.attempts, leaving the rest to the next full pass', async () => {
    const { sp, idp, app, slept } = await setup(10, 5);
    await idp.activateIdm(app, { baseUrl: sp.scimBaseUrl!, token: sp.token }).catch(() => undefined);
    slept.length = 0;
    expect(await idp.retryUntilDone(app)).toEqual({ status: 'not-due', dueAt: undefined });
    const waits = slept.filter((ms) => ms >= FAILED_RETRY.firstMs);
    expect(waits).toEqual(Array.from({ length: FAILED_RETRY.attempts }, (_, i) => retryDelayMs(i + 1)));
    expect(waits.at(-1)).toBe(FAILED_RETRY.maxMs);
    expect(idp.failedProvisioning(app)).toMatchObject({ retries: FAILED_RETRY.attempts, dueAt: undefined });
  });
});
