// Scenario 2: confirmations racing each other over the Bot Framework protocol. Ten confirmations of one plan (ten
// requests, and one request pressed ten times) must start exactly one run; confirmations of two different plans for
// one target must start one run and answer the other "Target busy"; confirmations of a plan that already ran start nothing.
import { loadTenantsDir } from '../../../core/graph-sandbox/load-tenants-dir';
import { startGraphSandbox } from '../../../core/graph-sandbox/sandbox-server';
import { actionsByVerb, cardText, texts } from '../../support/cards';
import type { ActionAnswer } from '../../support/chat';
import { FakeChannel } from '../../support/fake-channel';
import { scenarioDbName, startBotUnderTest } from '../harness/bot-under-test';
import { channelActivities, dumpDatabase, RecordingChat, type Evidence } from '../harness/evidence';
import { writeGeneratedTenants } from '../harness/generated-tenants';
import { confirmationCard, waitForTerminalRun } from '../harness/promote-from-chat';
import { duplicatesAndLost } from '../harness/target-state';

/** What each racing answer said, counted by its title. */
export type AnswerCounts = Record<string, number>;

/** The scenario's figures: `runs` must be 1 in each case, `targetBusy` 1 in the two-plan case. */
export interface RaceFigures {
  tenRequestsOnePlan: { confirms: number; runs: number; answers: AnswerCounts };
  oneRequestTenTimes: { confirms: number; runs: number; answers: AnswerCounts };
  twoPlansOneTarget: { confirms: number; runs: number; targetBusy: number; answers: AnswerCounts };
  /** Confirmations of the first case's other requests after its run finished: no run may start. */
  lateConfirms: { confirms: number; newRuns: number; answers: AnswerCounts };
  duplicates: number;
}

const CONFIRMERS = ['demo-operator', 'demo-admin'];

function title(answer: ActionAnswer): string {
  if (answer.kind === 'error') return `error ${answer.statusCode}`;
  const text = cardText(answer.card);
  if (text.includes('Queued')) return 'Queued';
  return texts(answer.card)[0] ?? text.slice(0, 40);
}

function count(answers: ActionAnswer[]): AnswerCounts {
  const counts: AnswerCounts = {};
  for (const a of answers) counts[title(a)] = (counts[title(a)] ?? 0) + 1;
  return counts;
}

export async function runRaceScenario(opts: { serverUri: string; confirms: number }, evidence: Evidence): Promise<RaceFigures> {
  const generated = await writeGeneratedTenants({ subjects: 10, targets: 3 });
  const [first, second, third] = generated.targets as [
    { id: string; displayName: string },
    { id: string; displayName: string },
    { id: string; displayName: string },
  ];
  // Slow writes keep each run active while the racing confirmations arrive.
  const sandbox = await startGraphSandbox({ tenants: (await loadTenantsDir(generated.dir)).tenants, writeLatencyMs: 50 });
  const channel = await new FakeChannel().start();
  const bot = await startBotUnderTest(
    opts.serverUri,
    { SANDBOX_URL: sandbox.baseUrl, SANDBOX_TENANTS_DIR: generated.dir },
    scenarioDbName('races'),
  );
  const chat = new RecordingChat(bot, channel);
  const runs = bot.system.db.collection('runs');
  const runsOn = (target: { id: string }) => runs.countDocuments({ targetTenantId: target.id });
  const source = generated.source.displayName;
  try {
    // Ten requests of the same plan (as the operator and the admin click Execute), confirmed at once.
    const confirmCards = [];
    for (let i = 0; i < opts.confirms; i++)
      confirmCards.push((await confirmationCard(chat, source, first.displayName, CONFIRMERS[i % 2])).confirm);
    const confirms = confirmCards.map((card) => actionsByVerb(card, 'promotion.confirm')[0]!);
    const tenRequests = await Promise.all(confirms.map((c, i) => chat.press(c, CONFIRMERS[i % 2], `race-a-${i}`)));
    const firstRuns = await runsOn(first);

    // One confirmation card pressed ten times at once.
    const single = actionsByVerb((await confirmationCard(chat, source, second.displayName)).confirm, 'promotion.confirm')[0]!;
    const oneRequest = await Promise.all(
      Array.from({ length: opts.confirms }, (_, i) => chat.press(single, CONFIRMERS[i % 2], `race-b-${i}`)),
    );

    // Two plans for the same target (with and without assignments), confirmed at once.
    const withAssignments = (await confirmationCard(chat, source, third.displayName)).confirm;
    const compare = await chat.card(`compare ${source} to ${third.displayName} without assignments`);
    const preflight = await chat.press(actionsByVerb(compare, 'preflight.generate')[0]!);
    const withoutAssignments =
      preflight.kind === 'card' ? await chat.press(actionsByVerb(preflight.card, 'preflight.execute')[0]!) : preflight;
    if (withoutAssignments.kind !== 'card') throw new Error(`the second plan could not be prepared: ${withoutAssignments.message}`);
    const twoPlans = await Promise.all(
      [withAssignments, withoutAssignments.card].map((card, i) =>
        chat.press(actionsByVerb(card, 'promotion.confirm')[0]!, CONFIRMERS[i], `race-c-${i}`),
      ),
    );

    for (const run of await runs.find({}).toArray()) await waitForTerminalRun(bot.system.db, String(run._id), 90_000);
    // Every request of the first case again, now that its run has finished.
    const before = await runs.countDocuments();
    const late = await Promise.all(confirms.map((c, i) => chat.press(c, CONFIRMERS[i % 2], `race-d-${i}`)));
    const newRuns = (await runs.countDocuments()) - before;
    for (const run of await runs.find({}).toArray()) await waitForTerminalRun(bot.system.db, String(run._id), 90_000);

    const duplicates = [first, second, third].reduce(
      (n, t) => n + duplicatesAndLost(sandbox.store, t.id, generated.subjectNames).duplicates,
      0,
    );
    const twoPlanAnswers = count(twoPlans);
    return {
      tenRequestsOnePlan: { confirms: opts.confirms, runs: firstRuns, answers: count(tenRequests) },
      oneRequestTenTimes: { confirms: opts.confirms, runs: await runsOn(second), answers: count(oneRequest) },
      twoPlansOneTarget: {
        confirms: 2,
        runs: await runsOn(third),
        targetBusy: twoPlanAnswers['Target busy'] ?? 0,
        answers: twoPlanAnswers,
      },
      lateConfirms: { confirms: confirms.length, newRuns, answers: count(late) },
      duplicates,
    };
  } finally {
    evidence.logs.push(...bot.logs);
    evidence.documents.push(...(await dumpDatabase(bot.system.db).catch(() => [])));
    evidence.cards.push(...channelActivities(channel), ...chat.answers);
    await bot.stop();
    await channel.stop();
    await sandbox.close();
    await generated.remove();
  }
}
