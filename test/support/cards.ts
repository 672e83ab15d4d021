import * as AdaptiveCards from 'adaptivecards';
import { expect } from 'vitest';
import { CARD_SIZE_LIMIT_BYTES, cardSizeBytes, type AdaptiveCardJson, type CardAttachment } from '../../cards/render';
import { CARD_VERBS, type CardVerb } from '../../cards/verbs';

type Json = Record<string, unknown>;
type AnyCard = CardAttachment | AdaptiveCardJson;

/** A card's problems as the `adaptivecards` library reports them. */
export interface CardProblems {
  /** Events logged while parsing (unknown types, invalid values, ...). */
  parse: string[];
  /** Results of the library's property validation (missing required properties, duplicate ids, ...). */
  validation: string[];
}

const contentOf = (card: AnyCard): AdaptiveCardJson => ('contentType' in card ? (card as CardAttachment).content : card);

/** Parses the card with the `adaptivecards` library (no DOM needed) and returns every reported problem. */
export function parseCard(card: AnyCard): CardProblems {
  const parsed = new AdaptiveCards.AdaptiveCard();
  const context = new AdaptiveCards.SerializationContext();
  parsed.parse(contentOf(card), context);
  const parse: string[] = [];
  for (let i = 0; i < context.eventCount; i++) parse.push(context.getEventAt(i).message);
  const validation = parsed.validateProperties().validationEvents.map((e) => e.message);
  return { parse, validation };
}

/** Every object of the card's JSON tree, depth first. */
function walk(node: unknown, visit: (obj: Json) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Json);
    Object.values(node).forEach((v) => walk(v, visit));
  }
}

/** Every action of the card (card level, ActionSets, select actions), in document order. */
export function allActions(card: AnyCard): Json[] {
  const found: Json[] = [];
  walk(contentOf(card), (o) => {
    if (typeof o.type === 'string' && o.type.startsWith('Action.')) found.push(o);
  });
  return found;
}

/** The `Action.Execute` actions carrying `verb`. */
export function actionsByVerb(card: AnyCard, verb: CardVerb): Json[] {
  return allActions(card).filter((a) => a.type === 'Action.Execute' && a.verb === verb);
}

/** The one action titled `title`; fails the test when there is none or more than one. */
export function actionByTitle(card: AnyCard, title: string): Json {
  const matches = allActions(card).filter((a) => a.title === title);
  expect(matches, `actions titled "${title}"`).toHaveLength(1);
  return matches[0]!;
}

/** Every fact of every FactSet as [label, value] pairs, in order. */
export function facts(card: AnyCard): [string, string][] {
  const found: [string, string][] = [];
  walk(contentOf(card), (o) => {
    if (o.type === 'FactSet') for (const f of o.facts as Json[]) found.push([String(f.title), String(f.value)]);
  });
  return found;
}

/** The value of the fact labelled exactly `label`; undefined when absent. */
export function factValue(card: AnyCard, label: string): string | undefined {
  return facts(card).find(([l]) => l === label)?.[1];
}

/** Every TextBlock text (and RichTextBlock run) of the card, in document order. */
export function texts(card: AnyCard): string[] {
  const found: string[] = [];
  walk(contentOf(card), (o) => {
    if ((o.type === 'TextBlock' || o.type === 'TextRun') && typeof o.text === 'string') found.push(o.text);
  });
  return found;
}

/** All visible text joined by newlines, for "the card says ..." assertions. */
export function cardText(card: AnyCard): string {
  return texts(card).join('\n');
}

/**
 * Asserts the card is one Teams will show: no parse or validation problems, Adaptive Card 1.5 with the schema,
 * under the size limit, no unbound `${...}`, and every Action.Execute has a known verb and object data.
 */
export function expectValidCard(card: AnyCard): void {
  const content = contentOf(card);
  if ('contentType' in card) expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
  expect(parseCard(card)).toEqual({ parse: [], validation: [] });
  expect(content.type).toBe('AdaptiveCard');
  expect(content.version).toBe('1.5');
  expect(content.$schema).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
  expect(cardSizeBytes(card)).toBeLessThan(CARD_SIZE_LIMIT_BYTES);
  expect(JSON.stringify(content)).not.toMatch(/\$\{/);
  for (const action of allActions(card)) {
    expect(typeof action.title === 'string' && action.title.length > 0, `action title of ${JSON.stringify(action)}`).toBe(true);
    if (action.type !== 'Action.Execute') continue;
    expect(CARD_VERBS).toContain(action.verb);
    expect(typeof action.data).toBe('object');
  }
}

/** The TextBlock whose text is exactly `text`; fails the test when there is none. */
export function textBlock(card: AnyCard, text: string): Json {
  let found: Json | undefined;
  walk(contentOf(card), (o) => {
    if (!found && o.type === 'TextBlock' && o.text === text) found = o;
  });
  expect(found, `TextBlock "${text}"`).toBeDefined();
  return found!;
}
