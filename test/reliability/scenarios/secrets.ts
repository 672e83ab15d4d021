// Scenario 6: secrets stay out of what the system produces. A demo bot configured with recognisable fake secrets goes
// through everything an operator does — compare, the details of the secret-bearing VPN policy, preflight, its CSV
// export, a promotion run, run detail, audit — and its logs, every stored document and every card are scanned,
// together with the evidence of the other scenarios.
import { actionsByVerb, allActions } from '../../support/cards';
import { cardOf } from '../../support/chat';
import { FakeChannel } from '../../support/fake-channel';
import { scenarioDbName, startBotUnderTest } from '../harness/bot-under-test';
import { channelActivities, dumpDatabase, RecordingChat, type Evidence } from '../harness/evidence';
import { confirmPromotionFromChat, waitForTerminalRun } from '../harness/promote-from-chat';
import { FAKE_SECRETS, scanForSecrets, secretNeedles, type SecretSighting } from '../harness/secret-scan';

/** The scenario's figures: no sighting of any needle anywhere. */
export interface SecretFigures {
  scanned: { logs: number; documents: number; cards: number };
  needles: string[];
  sightings: number;
  bySource: Record<string, number>;
  examples: SecretSighting[];
}

/** Walks the operator's whole path on a bot holding fake secrets; adds what it produced to `evidence`. */
export async function runSecretExposureFlow(opts: { serverUri: string }, evidence: Evidence): Promise<void> {
  const channel = await new FakeChannel().start();
  // Demo mode refuses production settings at start-up, so the fake secrets are held on the parsed configuration.
  const bot = await startBotUnderTest(opts.serverUri, {}, scenarioDbName('secrets'), {
    ...FAKE_SECRETS,
    GRAPH_CLIENT_ID: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
  });
  const chat = new RecordingChat(bot, channel);
  try {
    const compare = await chat.card('compare Contoso Staging to Contoso Production');
    // Every page of the compare, and the details of every subject on it (the VPN policy's included).
    const pages = [compare];
    for (let next = actionsByVerb(compare, 'compare.page').at(-1); next && pages.length < 10;) {
      const page = cardOf(await chat.press(next));
      pages.push(page);
      next = actionsByVerb(page, 'compare.page').find((a) => Number((a.data as { page: number }).page) > pages.length);
    }
    for (const page of pages) for (const details of actionsByVerb(page, 'compare.details')) await chat.press(details);
    const preflight = cardOf(await chat.press(actionsByVerb(compare, 'preflight.generate')[0]!));
    for (const link of [compare, preflight]
      .flatMap((card) => allActions(card))
      .filter((a) => a.type === 'Action.OpenUrl' && String(a.url).includes('/exports'))) {
      const res = await fetch(String(link.url));
      evidence.cards.push(`export ${res.status}: ${await res.text()}`);
    }
    const { runId } = await confirmPromotionFromChat(chat, bot.system.db, 'Contoso Staging', 'Contoso Production');
    await waitForTerminalRun(bot.system.db, runId);
    await chat.press({ verb: 'run.open', data: { runId, page: 1 } });
    for (const command of ['tenants', 'runs', 'sync Contoso Staging', 'sync Contoso Lab', 'compare Contoso Staging to Contoso Lab'])
      await chat.card(command);
    await chat.card('audit', 'demo-admin');
  } finally {
    evidence.logs.push(...bot.logs);
    evidence.documents.push(...(await dumpDatabase(bot.system.db).catch(() => [])));
    evidence.cards.push(...channelActivities(channel), ...chat.answers);
    await bot.stop();
    await channel.stop();
  }
}

/** Scans everything collected so far. */
export async function scanEvidence(evidence: Evidence): Promise<SecretFigures> {
  const needles = await secretNeedles();
  const sightings = scanForSecrets(evidence, needles);
  const bySource: Record<string, number> = {};
  for (const s of sightings) bySource[`${s.needle} in ${s.where}`] = (bySource[`${s.needle} in ${s.where}`] ?? 0) + 1;
  return {
    scanned: { logs: evidence.logs.length, documents: evidence.documents.length, cards: evidence.cards.length },
    needles: Object.keys(needles),
    sightings: sightings.length,
    bySource,
    examples: sightings.slice(0, 5),
  };
}
