import { describe, expect, it } from 'vitest';
import { LockExpiredBeforeStart, withLockRenewal } from '../../jobs/lock-renewal';
import { memoryLogger } from '../../core/logging/logger';

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

describe('a promotion job whose lock is at risk', () => {
  it('renews the lock the moment the work starts, not a quarter lifetime later', async () => {
    const touches: number[] = [];
    const job = { touch: async () => void touches.push(Date.now()), attrs: { lockedAt: new Date() } };
    const started = Date.now();
    await withLockRenewal(job, 60_000, async () => expect(touches).toHaveLength(1));
    expect(touches[0]! - started).toBeLessThan(1_000);
  });

  it('is not started when its lock is older than half its lifetime, and is handed back to be locked afresh', async () => {
    const logger = memoryLogger();
    let started = false;
    const job = { touch: async () => undefined, attrs: { _id: 'job-1', name: 'promotion.execute', lockedAt: new Date(Date.now() - 40_000), nextRunAt: null as Date | null } };
    await expect(withLockRenewal(job, 60_000, async () => void (started = true), { logger })).rejects.toBeInstanceOf(LockExpiredBeforeStart);
    expect(started).toBe(false);
    expect(job.attrs.nextRunAt).toBeInstanceOf(Date);
    expect(logger.lines).toEqual([{ level: 'warn', event: 'job.lock.late_start', fields: expect.objectContaining({ jobId: 'job-1', jobName: 'promotion.execute' }) }]);
  });

  it('logs every failed renewal, and reports the lock lost once renewals failed for its whole lifetime', async () => {
    const logger = memoryLogger();
    let lost = 0;
    let failing = false;
    const job = {
      touch: async () => {
        if (failing) throw Object.assign(new Error('connection to 127.0.0.1:27017 closed'), { code: 'ECONNRESET' });
      },
      attrs: { _id: 'job-2', name: 'promotion.execute', lockedAt: new Date() },
    };
    await withLockRenewal(
      job,
      400,
      async () => {
        failing = true;
        await sleep(1_000);
      },
      { logger, onLost: () => void (lost += 1) },
    );
    const failures = logger.lines.filter((l) => l.event === 'job.lock.renewal_failed');
    expect(failures.length).toBeGreaterThanOrEqual(3);
    expect(failures[0]!.fields).toMatchObject({ jobId: 'job-2', errorCode: 'ECONNRESET' });
    expect(logger.lines.filter((l) => l.event === 'job.lock.lost')).toHaveLength(1);
    expect(lost).toBe(1);
  });
});
