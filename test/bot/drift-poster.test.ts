// The drift poster against the fake channel over the real Bot Framework adapter: what Teams receives, and how a
// throttled post honours Retry-After within a bounded number of attempts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdapter } from '../../bot/adapter';
import { AdapterDriftPoster } from '../../bot/drift-poster';
import { parseEnv } from '../../core/config/env';
import { memoryLogger } from '../../core/logging/logger';
import type { DriftPost } from '../../core/watches/drift-poster';
import type { WatchConversation } from '../../core/watches/model';
import { cardText, expectValidCard } from '../support/cards';
import { PRODUCTION_ID, STAGING_ID } from '../support/card-view-models';
import { FakeChannel } from '../support/fake-channel';

let channel: FakeChannel;
beforeAll(async () => {
  channel = await new FakeChannel().start();
});
afterAll(async () => {
  await channel?.stop();
});

const post: DriftPost = {
  watchId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  sourceName: 'Contoso Staging',
  targetName: 'Contoso Production',
  selection: { sourceTenantId: STAGING_ID, targetTenantId: PRODUCTION_ID, types: [], includeAssignments: true },
  intervalHours: 24,
  checkedAt: new Date('2026-04-27T09:00:00Z'),
  message: {
    kind: 'drift',
    changes: [{ kind: 'new', type: 'compliancePolicy', displayName: 'Win - Compliance Baseline', state: 'different' }],
    counts: { in_sync: 2, different: 3, missing_in_target: 8, only_in_target: 1, ambiguous: 1 },
    fingerprint: 'b'.repeat(64),
  },
};

function thread(name: string): WatchConversation {
  const id = `19:${name}@thread.tacv2;messageid=1700000000000`;
  return { id, kind: 'channel', reference: { channelId: 'msteams', serviceUrl: channel.serviceUrl, conversation: { id, conversationType: 'channel', isGroup: true }, bot: { id: '28:tenantatlas', name: 'TenantAtlas' } } };
}

function poster() {
  const delays: number[] = [];
  const log = memoryLogger();
  const adapter = createAdapter(parseEnv({ DEMO_MODE: 'true' }), memoryLogger());
  const p = new AdapterDriftPoster({ adapter, appId: '', log, sleep: async (ms) => void delays.push(ms) });
  return { poster: p, delays, log };
}

describe('drift poster', () => {
  it('posts one drift card into the channel thread of the watch', async () => {
    const { poster: p } = poster();
    const conversation = thread('ops');
    expect(await p.post(conversation, post)).toBe('posted');
    const sent = channel.captured.filter((a) => a.conversationId === conversation.id);
    expect(sent).toHaveLength(1);
    const card = sent[0]!.activity.attachments[0].content;
    expectValidCard(card);
    expect(cardText(card)).toContain('Drift detected\nContoso Staging → Contoso Production');
    expect(cardText(card)).toContain('Compliance policy · Win - Compliance Baseline');
  });

  it('waits as long as Teams\' Retry-After says when throttled, then posts once', async () => {
    const { poster: p } = poster();
    const conversation = thread('throttled');
    const from = channel.refused.length;
    channel.refuseNext(2, 429, { 'Retry-After': '1' });
    expect(await p.post(conversation, post)).toBe('posted');
    const delivered = channel.captured.filter((a) => a.conversationId === conversation.id);
    expect(delivered).toHaveLength(1);
    const refused = channel.refused.slice(from).map((r) => r.at);
    expect(refused).toHaveLength(2);
    expect(refused[1]! - refused[0]!).toBeGreaterThanOrEqual(950); // the connector waited the second Teams asked for
  });

  it('retries a 429 without Retry-After after a doubling wait', async () => {
    const { poster: p, delays } = poster();
    const conversation = thread('throttled-no-header');
    channel.refuseNext(1, 429);
    expect(await p.post(conversation, post)).toBe('posted');
    expect(delays).toEqual([1_000]);
    expect(channel.captured.filter((a) => a.conversationId === conversation.id)).toHaveLength(1);
  });

  it('gives up after a bounded number of throttled attempts and logs it once', async () => {
    const { poster: p, delays, log } = poster();
    const conversation = thread('always-throttled');
    const from = channel.refused.length;
    channel.refuseNext(12, 429, { 'Retry-After': '0' });
    expect(await p.post(conversation, post)).toBe('failed');
    expect(channel.refused.length - from).toBe(12); // 3 outer attempts × (1 + 3 connector retries)
    expect(delays).toEqual([0, 0]);
    expect(channel.captured.filter((a) => a.conversationId === conversation.id)).toHaveLength(0);
    expect(log.lines.filter((l) => l.event === 'drift.post.failed')).toEqual([expect.objectContaining({ level: 'error', fields: expect.objectContaining({ watchId: post.watchId, status: 429, attempts: 3 }) })]);
  });

  it('does not retry a conversation that refuses the bot (removed from the team)', async () => {
    const { poster: p, delays } = poster();
    const refusedBefore = channel.refused.length;
    channel.refuseNext(1, 403);
    expect(await p.post(thread('removed'), post)).toBe('failed');
    expect(channel.refused.length - refusedBefore).toBe(1);
    expect(delays).toEqual([]);
  });
});
