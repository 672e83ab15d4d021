import { describe, expect, it } from 'vitest';
import { withLockRenewal } from '../../jobs/lock-renewal';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a promotion job longer than its lock lifetime', () => {
  it('keeps renewing its lock while it runs, so no other worker takes the run over, and stops when done', async () => {
    const touches: number[] = [];
    const job = { touch: async () => void touches.push(Date.now()) };
    const started = Date.now();

    const result = await withLockRenewal(job, 600, async () => {
      await sleep(1_200);
      return 'done';
    });

    expect(result).toBe('done');
    // Every quarter of the lifetime: the lock never gets older than the lifetime while the work runs.
    expect(touches.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...touches.map((t, i) => t - (touches[i - 1] ?? started)))).toBeLessThan(600);
    const afterwards = touches.length;
    await sleep(300);
    expect(touches).toHaveLength(afterwards);
  });

  it('passes the work failure through and still stops renewing', async () => {
    let touches = 0;
    const job = { touch: async () => void (touches += 1) };
    await expect(
      withLockRenewal(job, 400, async () => {
        await sleep(250);
        throw new Error('graph down');
      }),
    ).rejects.toThrow('graph down');
    const afterwards = touches;
    await sleep(300);
    expect(touches).toBe(afterwards);
  });
});
