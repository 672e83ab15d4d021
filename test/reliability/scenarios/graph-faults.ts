// Scenario 3: a promotion run while Microsoft Graph misbehaves — bursts of 429 with Retry-After, 503s, requests that
// time out before or after the server applied them, an access token that expires mid-run. The same plan is promoted
// once more to an identical target without faults: the faulted run must write exactly as often as the clean one.
import { loadTenantsDir } from '../../../core/graph-sandbox/load-tenants-dir';
import { startGraphSandbox } from '../../../core/graph-sandbox/sandbox-server';
import { actionsByVerb } from '../../support/cards';
import { cardOf } from '../../support/chat';
import { FakeChannel } from '../../support/fake-channel';
import { scenarioDbName, startBotUnderTest } from '../harness/bot-under-test';
import { channelActivities, dumpDatabase, RecordingChat, type Evidence } from '../harness/evidence';
import { retryAfterMargins, startFaultProxy, type Fault, type FaultPolicy, type ProxiedRequest } from '../harness/fault-proxy';
import { writeGeneratedTenants } from '../harness/generated-tenants';
import { confirmationCard, waitForTerminalRun } from '../harness/promote-from-chat';
import { duplicatesAndLost, seededRandom } from '../harness/target-state';

/** How many of each fault to inject into one run. */
export interface FaultOptions {
  serverUri: string;
  subjects: number;
  seed: number;
  throttleBursts: number;
  unavailable: number;
  timeouts: number;
}

/** The scenario's figures. */
export interface FaultFigures {
  subjects: number;
  seed: number;
  status: string;
  summary: Record<string, number>;
  injected: Record<Fault['kind'], number>;
  /** Successful writes of the run without faults and of the faulted run. */
  writes: { clean: number; faulted: number };
  /** Writes the faulted run made beyond the clean run's, collection by collection (must be 0). */
  extraWrites: number;
  duplicates: number;
  lost: number;
  /** Retries measured after an answer with Retry-After, and the smallest wait beyond what was asked (must be ≥ 0). */
  retryAfterRetries: number;
  minRetryAfterMarginMs: number;
  /** Requests refused for an expired token that were sent again with the same token (must be 0). */
  expiredTokenReuse: number;
  durationMs: number;
}

/** Graph's client gives up after this many attempts in demo mode; faults never hit one request more often than this allows. */
const MAX_FAULTS_PER_REQUEST = 2;
const CLIENT_TIMEOUT_MS = 400;

const isCreate = (r: ProxiedRequest) =>
  r.method === 'POST' &&
  /\/(configurationPolicies|deviceConfigurations|deviceManagementScripts|windowsFeatureUpdateProfiles|policies)(\?|$)/.test(r.url);
const isWrite = (r: ProxiedRequest) => r.method !== 'GET' && !r.url.includes('$batch');

/** Faults at random request numbers, plus the ones that matter most aimed at writes; at most two for any one request. */
function faultPolicy(opts: FaultOptions, random: () => number, expectedRequests: number): FaultPolicy {
  const at = new Map<number, Fault>();
  const place = (fault: Fault, span = 1) => {
    const n = 5 + Math.floor(random() * expectedRequests);
    for (let i = 0; i < span; i++) at.set(n + i, fault);
  };
  for (let i = 0; i < opts.throttleBursts; i++) place({ kind: 'throttle', retryAfterSeconds: 1 }, 2);
  for (let i = 0; i < opts.unavailable; i++) place(i % 2 === 0 ? { kind: 'unavailable', retryAfterSeconds: 1 } : { kind: 'unavailable' });
  for (let i = 0; i < opts.timeouts; i++) place({ kind: 'timeout_before' });
  let creates = 0;
  let writes = 0;
  let expiredToken: string | undefined;
  let first: number | undefined;
  const deferred: Fault[] = [];
  return (request, history) => {
    first ??= request.n;
    const n = request.n - first;
    // An expired token stays expired: every request still carrying it is refused.
    if (request.token === expiredToken) return { kind: 'expired_token' };
    if (history.filter((r) => r.key === request.key && r.fault).length >= MAX_FAULTS_PER_REQUEST) return undefined;
    if (expiredToken === undefined && n > expectedRequests / 2) {
      expiredToken = request.token;
      return { kind: 'expired_token' };
    }
    // Answers lost after the write happened: the first creates and some other writes (update, assign).
    if (isCreate(request) && ++creates <= Math.max(1, opts.timeouts)) return { kind: 'timeout_after' };
    if (isWrite(request) && !isCreate(request) && ++writes % 7 === 3) return { kind: 'timeout_after' };
    // A write that times out before Graph applied it is a write that never happened: its item rightly ends "outcome
    // unknown" (it is never sent again), which is the lost-answer scenarios' subject. Here such a fault waits for the
    // next read, which the client retries, so the run can succeed.
    const fault = at.get(n) ?? (request.method === 'GET' ? deferred.shift() : undefined);
    if (fault?.kind === 'timeout_before' && request.method !== 'GET') {
      deferred.push(fault);
      return undefined;
    }
    return fault;
  };
}

/** Waits until the proxy has seen no request for a second. */
async function quiet(proxy: { requests: readonly ProxiedRequest[] }): Promise<void> {
  for (let seen = -1; seen !== proxy.requests.length;) {
    seen = proxy.requests.length;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

export async function runGraphFaultScenario(opts: FaultOptions, evidence: Evidence): Promise<FaultFigures> {
  const random = seededRandom(opts.seed);
  const generated = await writeGeneratedTenants({ subjects: opts.subjects, targets: 2 });
  const [faulted, clean] = generated.targets as [(typeof generated.targets)[0], (typeof generated.targets)[0]];
  const sandbox = await startGraphSandbox({ tenants: (await loadTenantsDir(generated.dir)).tenants });
  const proxy = await startFaultProxy(sandbox.baseUrl);
  const channel = await new FakeChannel().start();
  const bot = await startBotUnderTest(
    opts.serverUri,
    { SANDBOX_URL: proxy.baseUrl, SANDBOX_TENANTS_DIR: generated.dir, GRAPH_TIMEOUT_MS: String(CLIENT_TIMEOUT_MS) },
    scenarioDbName('faults'),
  );
  const chat = new RecordingChat(bot, channel);
  const db = bot.system.db;
  const promote = async (target: { id: string; displayName: string }, policy?: FaultPolicy) => {
    const { confirm } = await confirmationCard(chat, generated.source.displayName, target.displayName);
    // Background syncs (start-up, after the previous run) finish first: only the run meets the faults, and a
    // request repeated by the client is never confused with the same read made by a concurrent sync.
    await quiet(proxy);
    const before = proxy.requests.length;
    if (policy) proxy.arm(policy);
    cardOf(await chat.press(actionsByVerb(confirm, 'promotion.confirm')[0]!, 'demo-operator', `run-card-${target.id}`));
    const queued = await db.collection('runs').findOne({ targetTenantId: target.id });
    if (!queued) throw new Error(`no run was queued for ${target.displayName}`);
    const started = Date.now();
    const run = await waitForTerminalRun(db, String(queued._id), 120_000);
    proxy.disarm();
    return { run, requests: proxy.requests.slice(before), durationMs: Date.now() - started };
  };
  try {
    const baseline = await promote(clean);
    const expected = baseline.requests.length;
    const faultedRun = await promote(faulted, faultPolicy(opts, random, expected));
    const written = (tenantId: string) => sandbox.store.counters(tenantId).writes;
    const [faultedWrites, cleanWrites] = [written(faulted.id), written(clean.id)];
    const sum = (w: Record<string, number>) => Object.values(w).reduce((a, b) => a + b, 0);
    // Fewer is fine: after a lost answer the worker reads first, and skips an assign the target already holds.
    const extraWrites = Object.entries(faultedWrites).reduce((n, [key, count]) => n + Math.max(0, count - (cleanWrites[key] ?? 0)), 0);
    const margins = retryAfterMargins(faultedRun.requests);
    const injected = { throttle: 0, unavailable: 0, timeout_before: 0, timeout_after: 0, expired_token: 0 };
    for (const r of faultedRun.requests) if (r.fault) injected[r.fault] += 1;
    // Each request refused for its expired token must come again with a fresh one.
    const refused = faultedRun.requests.filter((r) => r.fault === 'expired_token');
    const retriedWith = (r: ProxiedRequest) => faultedRun.requests.find((later) => later.n > r.n && later.key === r.key);
    const reuse = refused.filter((r) => retriedWith(r)?.token === r.token).length;
    const { duplicates, lost } = duplicatesAndLost(sandbox.store, faulted.id, generated.subjectNames);
    return {
      subjects: opts.subjects,
      seed: opts.seed,
      status: faultedRun.run.status,
      summary: faultedRun.run.summary,
      injected,
      writes: { clean: sum(cleanWrites), faulted: sum(faultedWrites) },
      extraWrites,
      duplicates,
      lost,
      retryAfterRetries: margins.length,
      minRetryAfterMarginMs: Math.round(Math.min(...margins) * 10) / 10,
      expiredTokenReuse: reuse,
      durationMs: faultedRun.durationMs,
    };
  } finally {
    evidence.logs.push(...bot.logs);
    evidence.documents.push(...(await dumpDatabase(db).catch(() => [])));
    evidence.cards.push(...channelActivities(channel), ...chat.answers);
    await bot.stop();
    await channel.stop();
    await proxy.close();
    await sandbox.close();
    await generated.remove();
  }
}
