// A fake Teams channel: the Bot Framework connector endpoints the bot replies to (serviceUrl),
// plus helpers that POST activities to the bot exactly as Teams or the Emulator would.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** An activity the bot sent to the channel (reply, proactive message or card update). */
export interface CapturedActivity {
  method: string;
  path: string;
  conversationId: string;
  activity: Record<string, any>;
}

export class FakeChannel {
  readonly captured: CapturedActivity[] = [];
  private server?: http.Server;
  serviceUrl = '';
  private waiters: (() => void)[] = [];
  private refusals: { status: number; headers: Record<string, string> }[] = [];
  /** Every request the channel refused on purpose, with when it arrived. */
  readonly refused: { status: number; at: number }[] = [];

  /** Answers the next `count` activities with `status` (e.g. 429 with a Retry-After) instead of accepting them. */
  refuseNext(count: number, status: number, headers: Record<string, string> = {}): void {
    for (let i = 0; i < count; i++) this.refusals.push({ status, headers });
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(req.url ?? '');
        const refusal = match ? this.refusals.shift() : undefined;
        if (refusal) {
          this.refused.push({ status: refusal.status, at: Date.now() });
          res.writeHead(refusal.status, { 'content-type': 'application/json', ...refusal.headers });
          res.end(JSON.stringify({ error: { code: 'Throttled', message: 'refused on purpose by the fake channel' } }));
          return;
        }
        if (match) {
          this.captured.push({ method: req.method ?? '', path: req.url ?? '', conversationId: decodeURIComponent(match[1]!), activity: body ? JSON.parse(body) : {} });
          this.waiters.splice(0).forEach((w) => w());
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `activity-${randomUUID()}` }));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.serviceUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** Waits until a captured activity satisfies the predicate. */
  async waitFor(predicate: (a: CapturedActivity) => boolean, timeoutMs = 15_000): Promise<CapturedActivity> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.captured.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching activity within ${timeoutMs} ms; captured ${this.captured.length}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 100);
      });
    }
  }
}

/** Who sends an activity: a Teams user with an Entra object id. */
export interface Sender {
  aadObjectId: string;
  name?: string;
}

/** What every activity from a Teams user in a personal chat carries. */
function fromTeams(channel: FakeChannel, from: Sender, conversationId: string): Record<string, unknown> {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: channel.serviceUrl,
    from: { id: `29:${from.aadObjectId}`, name: from.name ?? from.aadObjectId, aadObjectId: from.aadObjectId },
    conversation: { id: conversationId, conversationType: 'personal', tenantId: 'tenant-of-the-bot' },
    recipient: { id: '28:tenantatlas', name: 'TenantAtlas' },
  };
}

/** A Bot Framework message activity as Teams sends it. */
export function messageActivity(channel: FakeChannel, text: string, from: Sender, conversationId = `conv-${from.aadObjectId}`): Record<string, unknown> {
  return { type: 'message', ...fromTeams(channel, from, conversationId), text, locale: 'en-US' };
}

/** A message @mentioning the bot in a Teams channel thread (`19:…@thread.tacv2;messageid=…`), as Teams sends it. */
export function channelMessageActivity(channel: FakeChannel, text: string, from: Sender, thread: string): Record<string, unknown> {
  const base = fromTeams(channel, from, thread);
  return {
    type: 'message',
    ...base,
    conversation: { id: thread, conversationType: 'channel', isGroup: true, tenantId: 'tenant-of-the-bot' },
    text: `<at>TenantAtlas</at> ${text}`,
    entities: [{ type: 'mention', text: '<at>TenantAtlas</at>', mentioned: { id: '28:tenantatlas', name: 'TenantAtlas' } }],
    channelData: { team: { id: '19:team@thread.tacv2' }, channel: { id: thread.split(';')[0] } },
    locale: 'en-US',
  };
}

/** A Universal Actions invoke (`adaptiveCard/action`) as Teams sends it when a card button is clicked. */
export function actionInvoke(channel: FakeChannel, verb: string, data: unknown, from: Sender, replyToId = 'card-activity', conversationId = `conv-${from.aadObjectId}`): Record<string, unknown> {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    ...fromTeams(channel, from, conversationId),
    replyToId,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

/** POSTs an activity to the bot's /api/messages and returns the HTTP status and body. */
export async function postActivity(botUrl: string, activity: Record<string, unknown>, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(`${botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* plain text body */
  }
  return { status: res.status, body };
}
