import { describe, expect, it } from 'vitest';
import { waitingForWorker } from '../../../core/workflows/start-promotion';

describe('the queued-run answer about workers', () => {
  it('says a run waits only when no worker is alive, and nothing when the heartbeats cannot be read', async () => {
    expect(await waitingForWorker({ anyAlive: async () => false })).toBe(true);
    expect(await waitingForWorker({ anyAlive: async () => true })).toBe(false);
    expect(await waitingForWorker({ anyAlive: async () => Promise.reject(new Error('connection pool cleared')) })).toBe(false);
  });
});
