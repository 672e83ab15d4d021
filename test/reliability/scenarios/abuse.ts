// Scenario 4: a thousand generated forged card actions, hostile commands and malformed activities against the demo
// bot. Nothing may fail on our side, nothing may be read or written outside the actor's rights, and an object of
// another workspace must be answered exactly like one that does not exist.
import { randomUUID } from 'node:crypto';
import { DEMO_TENANTS } from '../../../core/graph-sandbox/demo-tenants';
import { allActions, cardText } from '../../support/cards';
import { FakeChannel } from '../../support/fake-channel';
import { generateAttacks, type Attack, type AbuseWorld } from '../harness/abuse-catalogue';
import { scenarioDbName, startBotUnderTest, type BotUnderTest } from '../harness/bot-under-test';
import { inParallel, send } from '../harness/edge-client';
import { channelActivities, dumpDatabase, RecordingChat, type Evidence } from '../harness/evidence';
import { confirmPromotionFromChat, waitForTerminalRun } from '../harness/promote-from-chat';
import { seededRandom, totalWrites } from '../harness/target-state';

/** The scenario's figures; every count but the totals must be 0, and `notFoundIdentical` must equal `notFoundPairs`. */
export interface AbuseFigures {
  attacks: number;
  byKind: Record<Attack['kind'], number>;
  seed: number;
  serverErrors: number;
  turnFailures: number;
  helpAfterwards: boolean;
  healthAfterwards: number;
  foreignTenantRequests: number;
  unexpectedWrites: number;
  runsCreated: number;
  requestsCreated: number;
  mappingsCreated: number;
  controlsChanged: number;
  prototypePolluted: boolean;
  notFoundPairs: number;
  notFoundIdentical: number;
  /** How the bot answered, e.g. `HTTP 200 / card 400` (a refusal card) or `HTTP 400` (refused at the edge). */
  answers: Record<string, number>;
  /** The first few problems, to replay them. */
  problems: string[];
}

const CONTOSO = [DEMO_TENANTS.contosoStaging.id, DEMO_TENANTS.contosoProduction.id, DEMO_TENANTS.contosoLab.id];
const FABRIKAM = DEMO_TENANTS.fabrikam.id;

/** Operations each tenant's Graph has served so far. */
function graphTraffic(bot: BotUnderTest, tenantIds: readonly string[]): number {
  return tenantIds.reduce((n, id) => n + bot.system.sandbox!.store.counters(id).operations, 0);
}

/** Waits until no background job (start-up syncs, the post-run sync) touches Graph any more. */
async function settle(bot: BotUnderTest): Promise<void> {
  let last = -1;
  for (;;) {
    const now = graphTraffic(bot, [...CONTOSO, FABRIKAM]);
    if (now === last) return;
    last = now;
    await new Promise((r) => setTimeout(r, 1_500));
  }
}

async function counts(bot: BotUnderTest) {
  const db = bot.system.db;
  const [runs, requests, mappings, controls] = await Promise.all(
    ['runs', 'promotionRequests', 'mappings', 'controls'].map((c) => db.collection(c).countDocuments()),
  );
  const writes = [...CONTOSO, FABRIKAM].reduce((n, id) => n + totalWrites(bot.system.sandbox!.store, id), 0);
  return { runs: runs!, requests: requests!, mappings: mappings!, controls: controls!, writes };
}

/** The real cards an operator meets, a finished run and the confirmation that started it. */
async function world(bot: BotUnderTest, chat: RecordingChat): Promise<AbuseWorld> {
  const cards: any[] = [];
  const compare = await chat.card('compare Contoso Staging to Contoso Production');
  cards.push(compare);
  const { runId } = await confirmPromotionFromChat(chat, bot.system.db, 'Contoso Staging', 'Contoso Production');
  await waitForTerminalRun(bot.system.db, runId);
  const request = await bot.system.db.collection('promotionRequests').findOne({ runId });
  for (const command of ['tenants', 'runs', `run ${runId}`]) cards.push(await chat.card(command));
  cards.push(await chat.card('audit', 'demo-admin'));
  for (const answer of chat.answers) {
    const parsed = JSON.parse(answer) as { kind: string; card?: unknown };
    if (parsed.kind === 'card') cards.push(parsed.card);
  }
  const seen = new Set<string>();
  const actions = cards.flatMap((card) =>
    allActions(card)
      .filter((a) => a.type === 'Action.Execute')
      .map((a) => ({ verb: String(a.verb), data: (a.data ?? {}) as Record<string, unknown> }))
      .filter((a) => !seen.has(JSON.stringify(a)) && seen.add(JSON.stringify(a))),
  );
  return {
    actions,
    ownTenantIds: CONTOSO,
    foreignTenantId: FABRIKAM,
    foreignTenantName: 'Fabrikam',
    finishedRunId: runId,
    usedRequestId: String(request?._id),
  };
}

/** Pairs of requests that differ only in naming an object of another workspace or one that does not exist. */
function notFoundPairs(w: AbuseWorld): [Attack, Attack][] {
  const missing = randomUUID();
  const op = 'demo-operator';
  const fab = 'demo-fabrikam';
  const message = (actor: string, text: string): Attack => ({ label: text, actor, kind: 'message', text });
  const invoke = (actor: string, verb: string, data: unknown): Attack => ({ label: verb, actor, kind: 'invoke', verb, data });
  const selection = (source: string, target: string) => ({
    sourceTenantId: source,
    targetTenantId: target,
    types: [],
    includeAssignments: true,
  });
  const production = DEMO_TENANTS.contosoProduction.id;
  return [
    [message(op, 'compare Fabrikam to Contoso Production'), message(op, 'compare Fabrikan to Contoso Production')],
    [message(op, 'sync Fabrikam'), message(op, 'sync Fabrikan')],
    [message(op, 'runs for Fabrikam'), message(op, 'runs for Fabrikan')],
    [
      invoke(op, 'compare.refresh', { selection: selection(FABRIKAM, production) }),
      invoke(op, 'compare.refresh', { selection: selection(missing, production) }),
    ],
    [
      invoke(op, 'preflight.generate', { selection: selection(production, FABRIKAM) }),
      invoke(op, 'preflight.generate', { selection: selection(production, missing) }),
    ],
    [invoke(op, 'runs.page', { page: 1, tenantId: FABRIKAM }), invoke(op, 'runs.page', { page: 1, tenantId: missing })],
    [message(fab, `run ${w.finishedRunId}`), message(fab, `run ${missing}`)],
    [invoke(fab, 'run.open', { runId: w.finishedRunId, page: 1 }), invoke(fab, 'run.open', { runId: missing, page: 1 })],
    [invoke(fab, 'promotion.confirm', { requestId: w.usedRequestId }), invoke(fab, 'promotion.confirm', { requestId: missing })],
    [message(fab, 'compare Contoso Staging to Contoso Production'), message(fab, 'compare Kontoso Stagink to Kontoso Productiom')],
    [
      invoke(fab, 'compare.refresh', { selection: selection(CONTOSO[0]!, production) }),
      invoke(fab, 'compare.refresh', { selection: selection(missing, randomUUID()) }),
    ],
  ];
}

export async function runAbuseScenario(
  opts: { serverUri: string; attacks: number; seed: number; concurrency?: number },
  evidence: Evidence,
): Promise<AbuseFigures> {
  const channel = await new FakeChannel().start();
  const bot = await startBotUnderTest(opts.serverUri, {}, scenarioDbName('abuse'));
  const chat = new RecordingChat(bot, channel);
  try {
    const w = await world(bot, chat);
    await settle(bot);
    const attacks = generateAttacks(seededRandom(opts.seed), w, opts.attacks);
    const before = await counts(bot);
    const problems: string[] = [];
    let serverErrors = 0;
    const answered: Record<string, number> = {};
    // Members of the Contoso workspace first (Fabrikam's Graph must stay untouched), then Fabrikam's (Contoso's must).
    let foreignTenantRequests = 0;
    for (const [actors, foreign] of [
      [['demo-operator', 'demo-viewer'], [FABRIKAM]],
      [['demo-fabrikam'], CONTOSO],
    ] as const) {
      const traffic = graphTraffic(bot, foreign);
      const batch = attacks.filter((a) => (actors as readonly string[]).includes(a.actor));
      const answers = await inParallel(batch, opts.concurrency ?? 6, (attack) => send(bot.url, channel, attack));
      answers.forEach((answer, i) => {
        const kind = `HTTP ${answer.status}${answer.invokeStatus !== undefined ? ` / card ${answer.invokeStatus}` : ''}`;
        answered[kind] = (answered[kind] ?? 0) + 1;
        if (!answer.serverError) return;
        serverErrors += 1;
        if (problems.length < 10)
          problems.push(
            `${batch[i]!.label} as ${batch[i]!.actor}: HTTP ${answer.status} ${answer.invokeStatus ?? ''} ${answer.text.slice(0, 120)}`,
          );
      });
      await settle(bot);
      foreignTenantRequests += graphTraffic(bot, foreign) - traffic;
    }
    const after = await counts(bot);
    const help = await chat.card('help').catch(() => undefined);
    const health = await fetch(`${bot.url}/healthz`)
      .then((r) => r.status)
      .catch(() => 0);

    const pairs = notFoundPairs(w);
    let identical = 0;
    for (const [foreign, missing] of pairs) {
      const [a, b] = [await send(bot.url, channel, foreign), await send(bot.url, channel, missing)];
      if (a.text === b.text && a.invokeStatus === b.invokeStatus && a.text !== '') identical += 1;
      else if (problems.length < 20)
        problems.push(`not-found differs for ${foreign.label}: "${a.text.slice(0, 80)}" vs "${b.text.slice(0, 80)}"`);
    }
    const byKind = { invoke: 0, message: 0, raw: 0 };
    for (const a of attacks) byKind[a.kind] += 1;
    return {
      attacks: attacks.length,
      byKind,
      seed: opts.seed,
      serverErrors,
      turnFailures: bot.logs.filter((l) => /"event":"(turn\.failed|card\.action\.failed|command\.failed)"/.test(l)).length,
      helpAfterwards: help !== undefined && cardText(help).includes('compare'),
      healthAfterwards: health,
      foreignTenantRequests,
      unexpectedWrites: after.writes - before.writes,
      runsCreated: after.runs - before.runs,
      requestsCreated: after.requests - before.requests,
      mappingsCreated: after.mappings - before.mappings,
      controlsChanged: after.controls - before.controls,
      prototypePolluted: ({} as Record<string, unknown>).polluted !== undefined || ({} as Record<string, unknown>).admin !== undefined,
      notFoundPairs: pairs.length,
      notFoundIdentical: identical,
      answers: answered,
      problems,
    };
  } finally {
    evidence.logs.push(...bot.logs);
    evidence.documents.push(...(await dumpDatabase(bot.system.db).catch(() => [])));
    evidence.cards.push(...channelActivities(channel), ...chat.answers);
    await bot.stop();
    await channel.stop();
  }
}
