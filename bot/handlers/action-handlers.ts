import { z } from 'zod';
import type { CardAttachment } from '../../cards/render';
import type { CardVerb } from '../../cards/verbs';
import { SUBJECT_TYPE_KEYS } from '../../core/subjects/subject-type';
import type { BotRequest } from '../turn';
import { Fingerprint, PageData, parseActionData, RegistryData, SelectionData, TenantIdData } from './action-data';
import { ADMIN_ACTIONS } from './admin';
import { help } from './command-handlers';
import { compareAnswer, detailsAnswer } from './compare';
import { MAPPING_ACTIONS } from './mappings';
import { preflightAnswer } from './preflight';
import { cancelAnswer, confirmAnswer, executeAnswer } from './promotion';
import { tenantsAnswer } from './tenants';
import { UNDO_ACTIONS } from './undo';
import { WATCH_ACTIONS } from './watches';

type ActionHandler = (req: BotRequest, data: unknown) => Promise<CardAttachment>;

const WithSelection = z.object({ selection: SelectionData, registry: RegistryData.optional() });
const RequestId = z.object({ requestId: z.string().uuid() });

/** One handler per card verb: each validates its untrusted data, then goes through core like a typed command. */
export const ACTION_HANDLERS: Partial<Record<CardVerb, ActionHandler>> = {
  'compare.refresh': (req, data) => {
    const d = parseActionData(WithSelection, data);
    return compareAnswer(req, { ...d.selection, refresh: true }, 1, d.registry);
  },
  'compare.page': (req, data) => {
    const d = parseActionData(WithSelection.extend({ page: PageData }), data);
    return compareAnswer(req, d.selection, d.page, d.registry);
  },
  'compare.details': (req, data) => {
    const d = parseActionData(
      WithSelection.extend({ page: PageData, subject: z.object({ type: z.enum(SUBJECT_TYPE_KEYS), displayName: z.string().min(1).max(400) }) }),
      data,
    );
    return detailsAnswer(req, d.selection, d.subject, d.page, d.registry);
  },
  'preflight.generate': (req, data) => {
    const d = parseActionData(WithSelection, data);
    return preflightAnswer(req, d.selection, d.registry);
  },
  'preflight.execute': (req, data) => {
    const d = parseActionData(z.object({ selection: SelectionData, preflightFingerprint: Fingerprint }), data);
    return executeAnswer(req, { ...d.selection, fingerprint: d.preflightFingerprint });
  },
  'promotion.confirm': (req, data) => confirmAnswer(req, parseActionData(RequestId, data).requestId),
  'promotion.cancel': (req, data) => cancelAnswer(req, parseActionData(RequestId, data).requestId),
  'tenants.page': (req, data) => {
    const d = parseActionData(RegistryData, data);
    return tenantsAnswer(req, d.filter, d.page);
  },
  'tenants.back': (req, data) => {
    const d = parseActionData(RegistryData, data);
    return tenantsAnswer(req, d.filter, d.page);
  },
  'tenants.compare': (req, data) => {
    const d = parseActionData(z.object({ targetTenantId: TenantIdData, sourceTenantId: TenantIdData, registry: RegistryData }), data);
    return compareAnswer(req, { sourceTenantId: d.sourceTenantId, targetTenantId: d.targetTenantId, types: [], includeAssignments: true }, 1, d.registry);
  },
  'help.show': async () => help(),
  ...ADMIN_ACTIONS,
  ...MAPPING_ACTIONS,
  ...UNDO_ACTIONS,
  ...WATCH_ACTIONS,
};
