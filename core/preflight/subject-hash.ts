import { fingerprintOf } from '../compare/fingerprint';
import type { InventorySubject } from '../inventory/model';

/**
 * The hash of what a promotion copies from (or overwrites in) a subject: its content hash, or
 * content + assignments when assignments are promoted too. Preflight and executor must agree on it.
 */
export function subjectStateHash(
  subject: Pick<InventorySubject, 'contentHash' | 'assignmentsHash'>,
  includeAssignments: boolean,
): string {
  return includeAssignments ? fingerprintOf([subject.contentHash, subject.assignmentsHash]) : subject.contentHash;
}
