import { MongoNetworkError, MongoServerSelectionError } from 'mongodb';

/** MongoDB's duplicate key error: how exclusivity is detected without transactions or partial indexes. */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/** Driver errors that mean "the database is not reachable right now", not "this operation is wrong". */
const PASSING_ERROR_NAMES: ReadonlySet<string> = new Set([
  'MongoNetworkError',
  // The driver interrupts operations in flight with this when its server monitor times out (server paused or gone).
  'PoolClearedOnNetworkError',
  'MongoPoolClearedError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MongoTopologyClosedError',
  'PoolClosedError',
  'MongoWaitQueueTimeoutError',
]);

/**
 * True for a passing outage of MongoDB (connection lost, no primary elected yet, server selection timed out): the
 * operation may succeed if tried again later. Duplicate keys, validation and bugs are not passing.
 */
export function isTransientStoreError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; hasErrorLabel?: (label: string) => boolean };
  if (typeof e.name === 'string' && PASSING_ERROR_NAMES.has(e.name)) return true;
  // Subclasses the driver does not export (PoolClearedOnNetworkError and friends) still extend these.
  if (error instanceof MongoNetworkError || error instanceof MongoServerSelectionError) return true;
  // A connection reset or refused by the network below the driver (a proxy, a restarted server).
  const code = (error as { code?: unknown }).code;
  if (code === 'ECONNRESET' || code === 'ECONNREFUSED' || code === 'EPIPE' || code === 'ETIMEDOUT') return true;
  return typeof e.hasErrorLabel === 'function' && (e.hasErrorLabel('RetryableWriteError') || e.hasErrorLabel('TransientTransactionError'));
}
