import { execute } from './actions';
import { renderCard, type CardAttachment } from './render';
import template from './templates/message.json';
import { bounded, clip } from './text';
import type { VerbAction } from './verbs';

export type MessageTone = 'info' | 'warning' | 'error' | 'success';

/** An action of a message card: a card verb with its data, or a link. */
export type MessageAction = ({ title: string } & VerbAction) | { title: string; url: string };

/** A short answer: not found, forbidden, stale preflight, target busy, paused, done... */
export interface MessageCardView {
  title: string;
  text: string;
  tone: MessageTone;
  /** Extra lines, e.g. the usage of a command; bounded. */
  details?: string[];
  actions?: MessageAction[];
}

/** The tone is the container's style; the title keeps the default text colour, readable on every tinted background. */
const TONES: Record<MessageTone, { style: string; color: string }> = {
  info: { style: 'emphasis', color: 'default' },
  warning: { style: 'warning', color: 'default' },
  error: { style: 'attention', color: 'default' },
  success: { style: 'good', color: 'default' },
};
const MAX_DETAILS = 10;
const MAX_ACTIONS = 5;

/** The generic answer card: a toned title, a text, optional detail lines and up to five actions. */
export function messageCard(view: MessageCardView): CardAttachment {
  const details = bounded(view.details ?? [], MAX_DETAILS);
  const actions = (view.actions ?? []).slice(0, MAX_ACTIONS);
  return renderCard(template, {
    ...TONES[view.tone],
    title: clip(view.title, 120),
    text: clip(view.text, 1000),
    details: details.shown.map((text) => ({ text: clip(text, 300) })),
    more: details.more ?? '',
    execute: actions.flatMap((a) => ('verb' in a ? [execute(a.title, a)] : [])),
    links: actions.flatMap((a) => ('url' in a ? [{ title: a.title, url: a.url }] : [])),
  });
}
