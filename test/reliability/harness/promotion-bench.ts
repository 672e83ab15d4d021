// What the promotion fault scenarios share: generated tenants on a Graph sandbox, a ROLE=web bot in this process that
// takes the operator's confirmations over the Bot Framework protocol, ROLE=worker child processes on the same MongoDB
// and sandbox (each started with the scenario's environment plus its own overrides), and the end-of-run checks.
import type { Db } from 'mongodb';
import { loadTenantsDir } from '../../../core/graph-sandbox/load-tenants-dir';
import { startGraphSandbox, type GraphSandbox } from '../../../core/graph-sandbox/sandbox-server';
import type { SandboxListLag, SandboxSlowWrites } from '../../../core/graph-sandbox/sandbox-tenant';
import { FakeChannel } from '../../support/fake-channel';
import { scenarioDbName, startBotUnderTest, type BotUnderTest } from './bot-under-test';
import { channelActivities, dumpDatabase, RecordingChat, type Evidence } from './evidence';
import { writeGeneratedTenants, type GeneratedTenant, type GeneratedTenants } from './generated-tenants';
import { confirmPromotionFromChat, TERMINAL } from './promote-from-chat';
import { checkRun, type RunChecks } from './run-checks';
import { WorkerProcess } from './worker-process';

/** How a bench is set up. */
export interface BenchOptions {
  /** MongoDB server of the bot and (unless a worker overrides MONGODB_URI) of the workers. */
  serverUri: string;
  scenario: string;
  subjects: number;
  targets: number;
  /** Worker environment on top of the bench's defaults (short lease and watchdog, no progress throttle). */
  env?: Record<string, string>;
  writeLatencyMs?: number;
  /** Per-target faults of the sandbox. */
  listLag?: SandboxListLag;
  slowWrites?: SandboxSlowWrites;
}

/** A running bench; `stop` collects evidence and tears everything down. */
export class PromotionBench {
  readonly workerLogs: string[] = [];
  readonly workers: WorkerProcess[] = [];

  private constructor(
    readonly generated: GeneratedTenants,
    readonly sandbox: GraphSandbox,
    readonly channel: FakeChannel,
    readonly bot: BotUnderTest,
    readonly chat: RecordingChat,
    readonly workerEnv: Record<string, string>,
  ) {}

  static async start(opts: BenchOptions): Promise<PromotionBench> {
    const generated = await writeGeneratedTenants({ subjects: opts.subjects, targets: opts.targets });
    const loaded = await loadTenantsDir(generated.dir);
    const sandbox = await startGraphSandbox({ tenants: loaded.tenants, writeLatencyMs: opts.writeLatencyMs ?? 0 });
    for (const target of generated.targets) sandbox.store.configure(target.id, { listLag: opts.listLag ?? null, slowWrites: opts.slowWrites ?? null });
    const channel = await new FakeChannel().start();
    const dbName = scenarioDbName(opts.scenario);
    // A short lease and watchdog let another worker take a run over within seconds.
    const shared = {
      SANDBOX_URL: sandbox.baseUrl,
      SANDBOX_TENANTS_DIR: generated.dir,
      PROMOTION_LOCK_LIFETIME_MS: '1500',
      RUN_LEASE_MS: '1500',
      RUN_WATCHDOG_INTERVAL_MS: '1000',
      WRITE_VISIBILITY_WAIT_MS: '2000',
      ...opts.env,
    };
    const bot = await startBotUnderTest(opts.serverUri, { ...shared, ROLE: 'web' }, dbName);
    const workerEnv = { ...shared, DEMO_MODE: 'true', MONGODB_URI: bot.mongoUri, MONGODB_DB: dbName, PROGRESS_UPDATE_INTERVAL_MS: '0' };
    return new PromotionBench(generated, sandbox, channel, bot, new RecordingChat(bot, channel), workerEnv);
  }

  get db(): Db {
    return this.bot.system.db;
  }

  /** Starts one more worker process and waits until it processes jobs; `env` overrides the bench's worker environment. */
  async startWorker(env: Record<string, string> = {}): Promise<WorkerProcess> {
    const worker = WorkerProcess.start({ ...this.workerEnv, ...env }, this.workerLogs);
    this.workers.push(worker);
    await worker.ready();
    return worker;
  }

  /** SIGKILLs the worker holding the run's lease (no cleanup runs); resolves with the time of the kill. */
  async killLeaseHolder(runId: string): Promise<number> {
    const owner = String((await this.db.collection('runLeases').findOne({ _id: runId as never }))?.owner ?? '');
    const executor = this.workers.find((w) => owner.endsWith(`-${w.pid}`));
    if (!executor) throw new Error(`no worker holds run ${runId} (owner ${owner})`);
    await executor.kill();
    return Date.now();
  }

  /** Forgets killed workers, so the next kill looks only at live ones. */
  dropExited(): void {
    for (let i = this.workers.length - 1; i >= 0; i--) if (!this.workers[i]!.alive) this.workers.splice(i, 1);
  }

  /** Confirms a promotion of every ready subject to `target` from chat; the queued run's id. */
  async confirm(target: GeneratedTenant): Promise<string> {
    return (await confirmPromotionFromChat(this.chat, this.db, this.generated.source.displayName, target.displayName)).runId;
  }

  /** The run's status once terminal, or its last status when `timeoutMs` ran out (a store outage is polled through). */
  async settle(runId: string, timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let status = 'unknown';
    while (Date.now() < deadline) {
      try {
        const run = await this.db.collection('runs').findOne({ _id: runId as never });
        status = String(run?.status ?? 'absent');
        if (TERMINAL.includes(status)) return status;
      } catch {
        // The scenario may have cut the store on purpose; look again.
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return status;
  }

  /** The guarantees of issue 13 for one run, checked against the target, the journal and a fresh compare. */
  check(runId: string, target: GeneratedTenant, opts: { lagMs?: number } = {}): Promise<RunChecks> {
    return checkRun(this, runId, target, opts);
  }

  async stop(evidence: Evidence): Promise<void> {
    evidence.logs.push(...this.bot.logs, ...this.workerLogs);
    evidence.documents.push(...(await dumpDatabase(this.db).catch(() => [])));
    evidence.cards.push(...channelActivities(this.channel), ...this.chat.answers);
    for (const worker of this.workers) await worker.stop(5_000);
    await this.bot.stop();
    await this.channel.stop();
    await this.sandbox.close();
    await this.generated.remove();
  }
}

/** The structured log lines of the workers about one run (JSON lines only). */
export function runEvents(logs: readonly string[], runId: string): { event: string; [field: string]: unknown }[] {
  return logs.flatMap((line) => {
    if (!line.startsWith('{') || !line.includes(runId)) return [];
    try {
      const parsed = JSON.parse(line) as { event?: unknown; runId?: unknown };
      return parsed.runId === runId && typeof parsed.event === 'string' ? [parsed as { event: string }] : [];
    } catch {
      return [];
    }
  });
}
