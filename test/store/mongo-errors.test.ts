import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { MongoNetworkError, MongoServerSelectionError } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { isDuplicateKey, isTransientStoreError } from '../../core/store/mongo-errors';

/**
 * The error the MongoDB driver (7.x) raises for an operation in flight when the server stops answering and the server
 * monitor times out (name `PoolClearedOnNetworkError`, class not exported by the driver). Built the way the driver
 * builds it, so the classification is checked against the real name and shape.
 */
function poolClearedOnNetworkError(): Error {
  const require = createRequire(import.meta.url);
  const errors = require(join(dirname(require.resolve('mongodb')), 'cmap', 'errors.js')) as { PoolClearedOnNetworkError: new (pool: { address: string }) => Error };
  return new errors.PoolClearedOnNetworkError({ address: '127.0.0.1:27017' });
}

describe('which MongoDB errors make a promotion run wait and retry instead of failing', () => {
  it('treats a lost connection and a failed server selection as a passing outage', () => {
    expect(isTransientStoreError(new MongoNetworkError('connection reset'))).toBe(true);
    expect(isTransientStoreError(new MongoServerSelectionError('no server', { type: 'Unknown', servers: new Map() } as never))).toBe(true);
    expect(isTransientStoreError(new Error('a bug'))).toBe(false);
    expect(isDuplicateKey({ code: 11000 })).toBe(true);
  });

  // Found by the store-outage scenario: with MongoDB paused mid-run, an operation in flight is interrupted by the
  // driver's server monitor with `PoolClearedOnNetworkError`; the run must wait and retry, not end failed.
  it('treats an operation interrupted because the server monitor timed out as a passing outage', () => {
    const error = poolClearedOnNetworkError();
    expect(error.name).toBe('PoolClearedOnNetworkError');
    expect(isTransientStoreError(error)).toBe(true);
  });
});
