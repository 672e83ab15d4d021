// Scenario 1: the worker process is SIGKILLed at a random point of a promotion run, restarted, and must finish the run
// without creating anything twice and without losing an item. A ROLE=web bot in this process takes the operator's
// confirmations; the worker runs in a child process on the same MongoDB and the same Graph sandbox.
import { loadTenantsDir } from '../../../core/graph-sandbox/load-tenants-dir';
import { startGraphSandbox } from '../../../core/graph-sandbox/sandbox-server';
import { FakeChannel } from '../../support/fake-channel';
import { scenarioDbName, startBotUnderTest, waitUntil } from '../harness/bot-under-test';
import { channelActivities, dumpDatabase, RecordingChat, type Evidence } from '../harness/evidence';
import { writeGeneratedTenants } from '../harness/generated-tenants';
import { confirmPromotionFromChat, TERMINAL, waitForTerminalRun } from '../harness/promote-from-chat';
import { duplicatesAndLost, seededRandom } from '../harness/target-state';
import { WorkerProcess } from '../harness/worker-process';

/** How many runs to interrupt, and how big each is. */
export interface CrashOptions {
  serverUri: string;
  runs: number;
  subjects: number;
  seed: number;
  /** Agenda lock lifetime of the promotion job: how soon a restarted worker may take the run over. */
  lockLifetimeMs?: number;
  /** Delay the sandbox adds to each write, to spread a run over time (default 10 ms). */
  writeLatencyMs?: number;
}

/** One interrupted run. */
export interface CrashRun {
  runId: string;
  /** Items recorded when the worker was killed; -1 when the run had already finished. */
  killedAfterItems: number;
  status: string;
  duplicates: number;
  lost: number;
  /** Items ended "outcome unknown" (a create the kill may have interrupted before it reached Graph). */
  outcomeUnknown: number;
  recoveryMs: number;
}

/**
 * The scenario's figures: every run must end, with 0 duplicate creates and 0 lost items in total; a run is
 * `succeeded`, or `partially_succeeded` only through items whose outcome is unknown.
 */
export interface CrashFigures {
  runs: number;
  subjectsPerRun: number;
  seed: number;
  completed: number;
  /** Runs `succeeded`, or `partially_succeeded` only through outcome-unknown items. */
  endedWell: number;
  duplicateCreates: number;
  lostItems: number;
  outcomeUnknown: number;
  killsMidRun: number;
  /** Target run locks still held after every run finished (must be 0). */
  locksLeft: number;
  maxRecoveryMs: number;
  details: CrashRun[];
}

export async function runCrashScenario(opts: CrashOptions, evidence: Evidence): Promise<CrashFigures> {
  const random = seededRandom(opts.seed);
  const generated = await writeGeneratedTenants({ subjects: opts.subjects, targets: opts.runs });
  const loaded = await loadTenantsDir(generated.dir);
  // Write latency spreads a run over a few seconds, so a random kill can land inside any step of any item.
  const sandbox = await startGraphSandbox({ tenants: loaded.tenants, writeLatencyMs: opts.writeLatencyMs ?? 10 });
  const channel = await new FakeChannel().start();
  const lockLifetimeMs = String(opts.lockLifetimeMs ?? 1_500);
  const dbName = scenarioDbName('crash');
  // A short lease and watchdog let the restarted worker take the run over within seconds; the visibility wait is what
  // a create whose answer died with the worker gets before its item ends "outcome unknown".
  const shared = {
    SANDBOX_URL: sandbox.baseUrl,
    SANDBOX_TENANTS_DIR: generated.dir,
    PROMOTION_LOCK_LIFETIME_MS: lockLifetimeMs,
    // Long enough that a loaded machine's slow renewals do not lose it, short enough for a quick takeover.
    RUN_LEASE_MS: '4000',
    RUN_WATCHDOG_INTERVAL_MS: '1000',
    WRITE_VISIBILITY_WAIT_MS: '2000',
  };
  const bot = await startBotUnderTest(opts.serverUri, { ...shared, ROLE: 'web' }, dbName);
  const workerEnv = { ...shared, DEMO_MODE: 'true', MONGODB_URI: bot.mongoUri, MONGODB_DB: dbName, PROGRESS_UPDATE_INTERVAL_MS: '0' };
  const workerLogs: string[] = [];
  let worker = WorkerProcess.start(workerEnv, workerLogs);
  const chat = new RecordingChat(bot, channel);
  const db = bot.system.db;
  const details: CrashRun[] = [];
  let locksLeft = 0;
  try {
    for (const target of generated.targets) {
      const { runId } = await confirmPromotionFromChat(chat, db, generated.source.displayName, target.displayName);
      const killAt = Math.floor(random() * (opts.subjects + 1));
      const recorded = await waitUntil(
        `run ${runId} to record ${killAt} items`,
        async () => {
          const run = await db.collection('runs').findOne({ _id: runId as never });
          if (run && TERMINAL.includes(run.status)) return -1;
          const items = await db.collection('runItems').countDocuments({ runId });
          return items >= killAt && run?.status === 'running' ? items : undefined;
        },
        60_000,
        5,
      );
      // A random moment inside the next item: between any two Graph calls of it.
      await new Promise((r) => setTimeout(r, Math.floor(random() * 80)));
      await worker.kill();
      const finishedFirst = TERMINAL.includes(String((await db.collection('runs').findOne({ _id: runId as never }))?.status));
      const killedAt = Date.now();
      worker = WorkerProcess.start(workerEnv, workerLogs);
      const run = await waitForTerminalRun(db, runId, 90_000);
      // An item whose create may have died with the worker before reaching Graph ends "outcome unknown": recorded,
      // not written twice, and reported to the operator. It is neither lost nor a duplicate.
      const unknown = await db.collection('runItems').find({ runId, outcomeUnknown: true }).toArray();
      const unknownNames = new Set(unknown.map((i) => `${String(i.type)}:${String(i.displayName)}`));
      const expected = generated.subjectNames.filter((s) => !unknownNames.has(`${s.type}:${s.displayName}`));
      const inTarget = duplicatesAndLost(sandbox.store, target.id, generated.subjectNames);
      const missing = duplicatesAndLost(sandbox.store, target.id, expected).lost;
      const unrecorded = opts.subjects - (await db.collection('runItems').countDocuments({ runId, outcome: 'succeeded' })) - unknown.length;
      details.push({
        runId,
        killedAfterItems: finishedFirst ? -1 : recorded,
        status: run.status,
        recoveryMs: Date.now() - killedAt,
        duplicates: inTarget.duplicates,
        lost: Math.max(missing, unrecorded),
        outcomeUnknown: unknown.length,
      });
    }
    const locks = () => db.collection('runLocks').countDocuments();
    locksLeft = await waitUntil('every run lock released', async () => ((await locks()) === 0 ? 0 : undefined), 5_000).catch(locks);
  } finally {
    evidence.logs.push(...bot.logs, ...workerLogs);
    evidence.documents.push(...(await dumpDatabase(db).catch(() => [])));
    evidence.cards.push(...channelActivities(channel), ...chat.answers);
    await worker.stop();
    await bot.stop();
    await channel.stop();
    await sandbox.close();
    await generated.remove();
  }
  return {
    runs: opts.runs,
    subjectsPerRun: opts.subjects,
    seed: opts.seed,
    completed: details.filter((d) => d.status === 'succeeded').length,
    endedWell: details.filter((d) => d.status === 'succeeded' || (d.status === 'partially_succeeded' && d.outcomeUnknown > 0)).length,
    duplicateCreates: details.reduce((n, d) => n + d.duplicates, 0),
    lostItems: details.reduce((n, d) => n + d.lost, 0),
    outcomeUnknown: details.reduce((n, d) => n + d.outcomeUnknown, 0),
    killsMidRun: details.filter((d) => d.killedAfterItems >= 0).length,
    locksLeft,
    maxRecoveryMs: Math.max(0, ...details.map((d) => d.recoveryMs)),
    details,
  };
}
