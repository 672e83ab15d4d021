import { GraphWriteOutcomeUnknown } from '../errors';

/**
 * Sends a write once. When Graph's answer to it was lost (GraphWriteOutcomeUnknown), `applied` reads the target to
 * find out: a value means the write took effect and stands for its answer; undefined means it did not, and the write
 * is sent once more. So a write is never applied twice, and a lost answer does not fail an item that was written.
 */
export async function writeOnce<T>(write: () => Promise<T>, applied: () => Promise<T | undefined>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!(error instanceof GraphWriteOutcomeUnknown)) throw error;
    const found = await applied();
    return found !== undefined ? found : write();
  }
}
