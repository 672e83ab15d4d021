// A multi-instance deployment on one MongoDB, every instance a separate process as in production: one standalone Graph
// sandbox (ROLE=sandbox), web instances (ROLE=web) and worker instances (ROLE=worker), all started from bot/main.ts.
import { MongoClient, type Db } from 'mongodb';
import { Chat } from '../../support/chat';
import type { FakeChannel } from '../../support/fake-channel';
import { dbUri } from '../../support/mongo';
import { RoleProcess } from '../../support/role-process';
import type { RunningBot } from '../../support/running-bot';

/** What every instance of the deployment shares, and the knobs a scenario turns. */
export interface DeploymentOptions {
  serverUri: string;
  dbName: string;
  tenantsDir: string;
  webInstances: number;
  /** Delay the sandbox adds to every write, so a run's duration is dominated by Graph, as in production. */
  writeLatencyMs: number;
  lockLifetimeMs: number;
  workerConcurrency: number;
  drainMs: number;
}

/** A worker instance, named for the figures ("worker-1", "worker-2", and "worker-1'" after a restart). */
export interface WorkerInstance {
  label: string;
  process: RoleProcess;
}

export class Deployment {
  readonly logs: string[] = [];
  readonly workers: WorkerInstance[] = [];
  private readonly webs: { process: RoleProcess; url: string }[] = [];
  private sandbox?: RoleProcess;
  sandboxUrl = '';
  private client?: MongoClient;
  db!: Db;
  private nextChat = 0;

  constructor(readonly opts: DeploymentOptions) {}

  private get shared(): Record<string, string> {
    return {
      DEMO_MODE: 'true',
      MONGODB_URI: dbUri(this.opts.serverUri, this.opts.dbName),
      MONGODB_DB: this.opts.dbName,
      SANDBOX_URL: this.sandboxUrl,
      SANDBOX_TENANTS_DIR: this.opts.tenantsDir,
      PROMOTION_LOCK_LIFETIME_MS: String(this.opts.lockLifetimeMs),
      WORKER_CONCURRENCY: String(this.opts.workerConcurrency),
      WORKER_DRAIN_MS: String(this.opts.drainMs),
      WORKER_HEARTBEAT_MS: '1000',
      PROGRESS_UPDATE_INTERVAL_MS: '1000',
      LOG_LEVEL: 'info',
    };
  }

  /** Starts the sandbox, then the web instances (in parallel); workers are added by the scenario. */
  async start(): Promise<this> {
    this.sandbox = RoleProcess.start(
      'sandbox',
      { SANDBOX_TENANTS_DIR: this.opts.tenantsDir, SANDBOX_WRITE_LATENCY_MS: String(this.opts.writeLatencyMs) },
      this.logs,
      'sandbox',
    );
    this.sandboxUrl = (await this.sandbox.waitForLine(/SANDBOX_URL=(\S+)/))[1]!;
    this.client = await MongoClient.connect(dbUri(this.opts.serverUri, this.opts.dbName));
    this.db = this.client.db(this.opts.dbName);
    await Promise.all(
      Array.from({ length: this.opts.webInstances }, async (_, i) => {
        const web = RoleProcess.start('web', this.shared, this.logs, `web-${i + 1}`);
        const port = (await web.waitForLine(/"url":"http:\/\/localhost:(\d+)\/api\/messages"/))[1]!;
        this.webs.push({ process: web, url: `http://127.0.0.1:${port}` });
      }),
    );
    return this;
  }

  /** Starts a worker and waits until it is processing jobs. */
  async addWorker(label: string): Promise<WorkerInstance> {
    const process = RoleProcess.start('worker', this.shared, this.logs, label);
    await process.waitForLine(/"event":"worker\.started"/);
    const worker = { label, process };
    this.workers.push(worker);
    return worker;
  }

  /** The live worker that holds the run's job right now, if any (Agenda records the locking instance's name). */
  async workerOf(runId: string): Promise<WorkerInstance | undefined> {
    const job = await this.db.collection('agendaJobs').findOne({ name: 'promotion.execute', 'data.runId': runId, lockedAt: { $ne: null } });
    return this.byAgendaName(job?.lastModifiedBy);
  }

  /** The worker whose Agenda name (`tenantatlas-<host>-<pid>`) is `name`. */
  byAgendaName(name: unknown): WorkerInstance | undefined {
    const pid = typeof name === 'string' ? Number(/-(\d+)$/.exec(name)?.[1]) : NaN;
    return this.workers.find((w) => w.process.pid === pid);
  }

  /** Chats that alternate between the web instances, request by request (the Bot Service would balance them). */
  chat(channel: FakeChannel): Chat {
    const next = () => this.webs[this.nextChat++ % this.webs.length]!.url;
    const bot = {
      get url() {
        return next();
      },
    } as unknown as RunningBot;
    return new Chat(bot, channel);
  }

  /** Every web instance's URL. */
  get webUrls(): string[] {
    return this.webs.map((w) => w.url);
  }

  /** Stops every process (workers drain), then drops the database. */
  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.process.stop()));
    await Promise.all(this.webs.map((w) => w.process.stop()));
    await this.sandbox?.stop();
    await this.db?.dropDatabase().catch(() => undefined);
    await this.client?.close();
  }
}
