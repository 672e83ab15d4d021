import type { CardAttachment } from '../../cards/render';
import type { CardVerb } from '../../cards/verbs';
import { tenantsAnswer } from './tenants';
import { parseActionData, RegistryData } from './action-data';
import type { BotRequest } from '../turn';

type ActionHandler = (req: BotRequest, data: unknown) => Promise<CardAttachment>;

/** One handler per card verb; verbs without a handler are refused as not offered. */
export const ACTION_HANDLERS: Partial<Record<CardVerb, ActionHandler>> = {
  'tenants.page': (req, data) => {
    const d = parseActionData(RegistryData, data);
    return tenantsAnswer(req, d.filter, d.page);
  },
  'tenants.back': (req, data) => {
    const d = parseActionData(RegistryData, data);
    return tenantsAnswer(req, d.filter, d.page);
  },
};
