import type { AuditAction } from '../core/audit/model';
import { paging } from './actions';
import { AUDIT_ACTION_LABELS } from './labels';
import { renderCard, type CardAttachment } from './render';
import template from './templates/audit.json';
import { cardDateTime, clip } from './text';
import type { PageView } from './view-parts';

/** One audit event as the card lists it. */
export interface AuditEventView {
  at: Date;
  actorName: string;
  /** The audit action, e.g. `promotion.execute.started`; shown by its label. */
  action: string;
  /** Short metadata text, e.g. "Contoso Staging → Contoso Production · 5 ready · fingerprint ffee1122". */
  summary: string;
}

/** The `audit` card: the current page of a workspace's audit events, newest first. */
export interface AuditCardView {
  events: AuditEventView[];
  page: PageView;
}

/** Most events one audit card lists. */
export const MAX_AUDIT_ROWS = 15;

/** The audit card: time, actor, action and short metadata per event, with Previous/Next. */
export function auditCard(view: AuditCardView): CardAttachment {
  return renderCard(template, {
    emptyText: view.events.length === 0 ? 'No audit events yet.' : '',
    events: view.events.slice(0, MAX_AUDIT_ROWS).map((e) => ({
      when: `${cardDateTime(e.at)} · ${clip(e.actorName, 80)}`,
      action: clip(AUDIT_ACTION_LABELS[e.action as AuditAction] ?? e.action, 80),
      summary: clip(e.summary, 300),
    })),
    paging: paging(view.page, (page) => ({ verb: 'audit.page', data: { page } })),
  });
}
