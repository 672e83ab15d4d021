import * as ACData from 'adaptivecards-templating';

/** Teams refuses messages above about 28 KB; every card must stay below this. */
export const CARD_SIZE_LIMIT_BYTES = 28 * 1024;

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** An expanded Adaptive Card payload. */
export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  version: string;
  body?: unknown[];
  actions?: unknown[];
  [property: string]: unknown;
}

/** A Bot Framework attachment carrying one Adaptive Card. */
export interface CardAttachment {
  contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  content: AdaptiveCardJson;
}

/** Expands a card template with `data` (bound as `$root`) and wraps it as an attachment; the template is not modified. */
export function renderCard(template: object, data: object): CardAttachment {
  const content = new ACData.Template(template).expand({ $root: data }) as AdaptiveCardJson;
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content };
}

/** UTF-8 size of the card's JSON, the figure Teams' message size limit applies to. */
export function cardSizeBytes(card: CardAttachment | AdaptiveCardJson): number {
  const content = 'contentType' in card ? card.content : card;
  return Buffer.byteLength(JSON.stringify(content), 'utf8');
}
