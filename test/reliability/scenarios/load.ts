// Scenario 7: fifty conversations asking for the same compare at once, over and over, against warm snapshots.
// Every answer must be the compare card; the latency each user waited is reported as percentiles.
import { cardText } from '../../support/cards';
import { FakeChannel, messageActivity, postActivity } from '../../support/fake-channel';
import { scenarioDbName, startBotUnderTest } from '../harness/bot-under-test';
import { channelActivities, dumpDatabase, type Evidence } from '../harness/evidence';

/** The scenario's figures: `errors` must be 0. */
export interface LoadFigures {
  conversations: number;
  durationS: number;
  requests: number;
  errors: number;
  throughputPerS: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  firstErrors: string[];
}

const COMMAND = 'compare Contoso Staging to Contoso Production';

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
}

export async function runLoadScenario(
  opts: { serverUri: string; conversations: number; durationMs: number },
  evidence: Evidence,
): Promise<LoadFigures> {
  const channel = await new FakeChannel().start();
  const bot = await startBotUnderTest(opts.serverUri, {}, scenarioDbName('load'));
  const latencies: number[] = [];
  const errors: string[] = [];
  const ask = async (conversation: number) => {
    const activity = messageActivity(channel, COMMAND, { aadObjectId: 'demo-operator' }, `load-${conversation}`);
    const started = performance.now();
    const res = await postActivity(bot.url, activity).catch((error: unknown) => ({ status: 0, body: String(error) }));
    const at = channel.captured.findIndex((c) => c.activity.replyToId === activity.id);
    const elapsed = performance.now() - started;
    const reply = at >= 0 ? channel.captured.splice(at, 1)[0]! : undefined;
    const card = reply?.activity.attachments?.[0]?.content;
    // Warm snapshots answer with the compare card; anything else (error card, no reply) is an error.
    if (res.status !== 200 || !card || !cardText(card).includes('Missing in target')) {
      errors.push(`conversation ${conversation}: HTTP ${res.status}, ${card ? cardText(card).slice(0, 80) : 'no reply'}`);
    } else {
      latencies.push(elapsed);
      if (evidence.cards.length < 20) evidence.cards.push(JSON.stringify(reply!.activity));
    }
  };
  try {
    await ask(-1);
    latencies.length = 0;
    errors.length = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: opts.conversations }, async (_, conversation) => {
        while (Date.now() - started < opts.durationMs) await ask(conversation);
      }),
    );
    const durationS = (Date.now() - started) / 1000;
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      conversations: opts.conversations,
      durationS: Math.round(durationS * 10) / 10,
      requests: latencies.length + errors.length,
      errors: errors.length + bot.logs.filter((l) => /"event":"(turn\.failed|command\.failed)"/.test(l)).length,
      throughputPerS: Math.round(((latencies.length + errors.length) / durationS) * 10) / 10,
      p50Ms: percentile(sorted, 50),
      p95Ms: percentile(sorted, 95),
      p99Ms: percentile(sorted, 99),
      maxMs: Math.round(sorted.at(-1) ?? 0),
      firstErrors: errors.slice(0, 5),
    };
  } finally {
    evidence.logs.push(...bot.logs);
    evidence.documents.push(...(await dumpDatabase(bot.system.db).catch(() => [])));
    evidence.cards.push(...channelActivities(channel).slice(0, 50));
    await bot.stop();
    await channel.stop();
  }
}
