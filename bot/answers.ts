import { messageCard } from '../cards/message-card';
import type { CardAttachment } from '../cards/render';
import { ConfigurationError } from '../core/config/env';
import { DomainError, NotFound, type DomainErrorCode } from '../core/errors';

/** The one place that turns a domain error into what the operator reads. */
interface Answer {
  status: number;
  title: string;
  text: (error: DomainError) => string;
}

/** Not-found text deliberately names nothing, so an invisible object reads exactly like a missing one. */
export const NOT_FOUND_TEXT = 'Not found, or you do not have access to it. Type "tenants" to see the tenants you can use.';
/** A run that is not found points at the list that shows the runs' short ids. */
export const RUN_NOT_FOUND_TEXT = 'No run you can see has that id. Type "runs" to see recent runs with their short ids.';

const ANSWERS: Record<DomainErrorCode, Answer> = {
  not_found: {
    status: 404,
    title: 'Not found',
    text: (e) => {
      if (e instanceof NotFound && e.what === 'run') return RUN_NOT_FOUND_TEXT;
      const suggestions = e instanceof NotFound ? e.suggestions : [];
      return suggestions.length > 0 ? `${NOT_FOUND_TEXT} Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : NOT_FOUND_TEXT;
    },
  },
  forbidden: { status: 403, title: 'Not allowed', text: (e) => `${e.message} Nothing was changed.` },
  invalid_input: { status: 400, title: 'Cannot do that', text: (e) => e.message },
  stale_preflight: { status: 409, title: 'Preflight is stale', text: (e) => e.message },
  graph_permission: { status: 502, title: 'Missing Graph permission', text: (e) => e.message },
  graph_unavailable: { status: 503, title: 'Microsoft Graph unavailable', text: (e) => `${e.message} Try again later.` },
  conflict: { status: 409, title: 'Conflict', text: (e) => e.message },
};

/** Status, title and text for any error; unexpected errors reveal nothing internal. */
export function describeError(error: unknown): { status: number; title: string; text: string } {
  if (error instanceof DomainError) {
    const answer = ANSWERS[error.code];
    return { status: answer.status, title: answer.title, text: answer.text(error) };
  }
  if (error instanceof ConfigurationError) return { status: 500, title: 'Configuration problem', text: 'The bot is misconfigured; an administrator has to fix it.' };
  return { status: 500, title: 'Something went wrong', text: 'Something went wrong on our side. Nothing was changed; please try again.' };
}

/** The error as a card for a chat reply. */
export function errorCard(error: unknown): CardAttachment {
  const { status, title, text } = describeError(error);
  return messageCard({ title, text, tone: status >= 500 ? 'error' : 'warning' });
}
