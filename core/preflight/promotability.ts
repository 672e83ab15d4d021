import { SUBJECT_TYPES } from '../subjects/registry';
import type { SubjectTypeKey } from '../subjects/subject-type';
import type { PromotabilityCheck, SubjectInContext } from './blocking-rules';

/**
 * The registry's answer: a type with a reason not to promote it is compared only; a subject of a promotable type is
 * promotable unless its type's promotion check (against the other subjects of the type in the target) names a reason.
 */
export const registryPromotability: PromotabilityCheck = (key: SubjectTypeKey, subject?: SubjectInContext) => {
  const type = SUBJECT_TYPES[key];
  if (type.notPromotableReason) return { promotable: false, reason: type.notPromotableReason };
  if (!subject || !type.promotionBlock) return { promotable: true };
  const targets = subject.target.subjects.filter((s) => s.type === key);
  const reason = type.promotionBlock(subject.source, targets, subject.action);
  return reason === undefined ? { promotable: true } : { promotable: false, reason };
};
