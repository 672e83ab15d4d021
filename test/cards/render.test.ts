import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ADAPTIVE_CARD_CONTENT_TYPE, CARD_SIZE_LIMIT_BYTES, cardSizeBytes, renderCard } from '../../cards/render';
import { expectValidCard, parseCard } from '../support/cards';

const templatesDir = new URL('../../cards/templates/', import.meta.url);
const base = { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.5' };

describe('renderCard', () => {
  it('binds data into the template and wraps it as an Adaptive Card attachment', () => {
    const template = { ...base, body: [{ type: 'TextBlock', text: 'Hello ${name}' }, { $data: '${rows}', type: 'TextBlock', text: '${n}' }] };
    const card = renderCard(template, { name: 'Adele', rows: [{ n: 'a' }, { n: 'b' }] });
    expect(card.contentType).toBe(ADAPTIVE_CARD_CONTENT_TYPE);
    expect(card.content.body).toEqual([
      { type: 'TextBlock', text: 'Hello Adele' },
      { type: 'TextBlock', text: 'a' },
      { type: 'TextBlock', text: 'b' },
    ]);
    expect(template.body[0]).toEqual({ type: 'TextBlock', text: 'Hello ${name}' });
  });

  it('measures the card as the UTF-8 bytes of its JSON', () => {
    const card = renderCard({ ...base, body: [{ type: 'TextBlock', text: '${t}' }] }, { t: 'é' });
    expect(cardSizeBytes(card)).toBe(Buffer.byteLength(JSON.stringify(card.content)));
    expect(cardSizeBytes(card)).toBe(cardSizeBytes(card.content));
  });
});

describe('card templates', () => {
  const files = readdirSync(templatesDir).filter((f) => f.endsWith('.json'));

  it('all declare the Adaptive Card schema, type and version 1.5', () => {
    expect(files.length).toBe(18);
    for (const file of files) {
      const json = JSON.parse(readFileSync(new URL(file, templatesDir), 'utf8'));
      expect({ file, $schema: json.$schema, type: json.type, version: json.version }).toEqual({ file, ...base });
    }
  });
});

describe('expectValidCard', () => {
  const invalid: [string, object][] = [
    ['an unknown element', { ...base, body: [{ type: 'Carousel2' }] }],
    ['an invalid color', { ...base, body: [{ type: 'TextBlock', text: 'x', color: 'purple' }] }],
    ['a link without url', { ...base, actions: [{ type: 'Action.OpenUrl', title: 'Open' }] }],
    ['duplicate input ids', { ...base, body: [{ type: 'Input.Text', id: 'a' }, { type: 'Input.Text', id: 'a' }] }],
    ['an unbound placeholder', { ...base, body: [{ type: 'TextBlock', text: '${missing}' }] }],
    ['another version', { ...base, version: '1.4' }],
    ['no schema', { type: 'AdaptiveCard', version: '1.5' }],
    ['an unknown verb', { ...base, actions: [{ type: 'Action.Execute', title: 'Go', verb: 'compare.delete', data: {} }] }],
    ['an untitled action', { ...base, actions: [{ type: 'Action.Execute', verb: 'audit.page', data: { page: 1 } }] }],
    ['a card over the size limit', { ...base, body: [{ type: 'TextBlock', text: 'x'.repeat(CARD_SIZE_LIMIT_BYTES) }] }],
  ];

  it.each(invalid)('rejects %s', (_, content) => {
    expect(() => expectValidCard(renderCard(content, {}))).toThrow();
  });

  it('reports parse problems without a DOM', () => {
    expect(parseCard({ ...base, type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'x', size: 'huge' }] }).parse).toHaveLength(1);
  });
});
