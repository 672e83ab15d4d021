// `npm run reliability`: every reliability and security scenario at full size on loopback (MongoDB, the Graph sandbox,
// the bot over the Bot Framework protocol), each judged against its criteria; the figures go to results.json.
// RELIABILITY_SEED replays a run; MONGODB_URI selects the server (otherwise an embedded one is started).
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { resolveMongo } from '../../core/store/mongo-resolver';
import { emptyEvidence } from './harness/evidence';
import { runAbuseScenario } from './scenarios/abuse';
import { runAuthScenario } from './scenarios/auth';
import { runCrashScenario } from './scenarios/crash';
import { runGraphFaultScenario } from './scenarios/graph-faults';
import { runLoadScenario } from './scenarios/load';
import { runRaceScenario } from './scenarios/races';
import { runSecretExposureFlow, scanEvidence } from './scenarios/secrets';
import { runKillStepsScenario } from './scenarios/kill-steps';
import { runLaggingGraphScenario } from './scenarios/lagging-graph';
import { runLeaseRenewalScenario } from './scenarios/lease-renewal';
import { runStoreOutageScenario } from './scenarios/store-outage';
import { runTwoExecutorsScenario } from './scenarios/two-executors';
import { runUndoFaultsScenario } from './scenarios/undo-faults';
import type { CheckTotals } from './harness/run-checks';

const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));

/** A scenario: how to run it and what its figures must show (each failed expectation as one line). */
interface Scenario<F> {
  name: string;
  run: () => Promise<F>;
  verdict: (figures: F) => string[];
}

const expectEqual = (label: string, actual: unknown, expected: unknown) =>
  JSON.stringify(actual) === JSON.stringify(expected)
    ? []
    : [`${label} is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`];

/** The guarantees every promotion fault scenario must show (issue 13). */
const promotionGuarantees = (f: CheckTotals) => [
  ...expectEqual('runs left running', f.runsLeftRunning, 0),
  ...expectEqual('runs ended other than succeeded (or partly, through outcome-unknown items only)', f.endedBadly, 0),
  ...expectEqual('duplicate objects in the target', f.duplicates, 0),
  ...expectEqual('lost items', f.lostItems, 0),
  ...expectEqual('overwritten objects with a before-image (%)', f.beforeImagePercent, 100),
  ...expectEqual('verified subjects not In sync in a fresh compare', f.verifiedNotInSync, 0),
  ...expectEqual('compares that could not refresh the target', f.staleCompares, 0),
  ...expectEqual('target locks left', f.targetLocksLeft, 0),
];

/** The commit measured, and whether the worktree had changes on top of it. */
function measuredCommit(): { commit: string; dirty: boolean } {
  const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
  try {
    return { commit: git('rev-parse', 'HEAD'), dirty: git('status', '--porcelain', '--untracked-files=no') !== '' };
  } catch {
    return { commit: 'unknown', dirty: true };
  }
}

async function main(): Promise<void> {
  const seed = Number(process.env.RELIABILITY_SEED ?? Math.floor(Math.random() * 1e9));
  const mongo = await resolveMongo({ log: (line) => console.log(`[mongo] ${line}`) });
  const serverUri = mongo.uri;
  const evidence = emptyEvidence();
  const scenarios: Scenario<any>[] = [
    {
      name: 'crash',
      run: () => runCrashScenario({ serverUri, runs: 20, subjects: 50, seed }, evidence),
      verdict: (f) => [
        // Succeeded, or partially succeeded only through items whose outcome is unknown (a create the kill may have
        // interrupted before it reached Graph: recorded, reported, never sent twice).
        ...expectEqual('runs that ended well', f.endedWell, f.runs),
        ...expectEqual('duplicate creates', f.duplicateCreates, 0),
        ...expectEqual('lost items', f.lostItems, 0),
        ...expectEqual('run locks left', f.locksLeft, 0),
      ],
    },
    {
      name: 'races',
      run: () => runRaceScenario({ serverUri, confirms: 10 }, evidence),
      verdict: (f) => [
        ...expectEqual('runs from ten requests of one plan', f.tenRequestsOnePlan.runs, 1),
        ...expectEqual('runs from one request confirmed ten times', f.oneRequestTenTimes.runs, 1),
        ...expectEqual('runs from two plans for one target', f.twoPlansOneTarget.runs, 1),
        ...expectEqual('"Target busy" answers', f.twoPlansOneTarget.targetBusy, 1),
        ...expectEqual('runs from late confirmations', f.lateConfirms.newRuns, 0),
        ...expectEqual('duplicates', f.duplicates, 0),
      ],
    },
    {
      name: 'graphFaults',
      run: () => runGraphFaultScenario({ serverUri, subjects: 50, seed, throttleBursts: 6, unavailable: 6, timeouts: 4 }, evidence),
      verdict: (f) => [
        ...expectEqual('status', f.status, 'succeeded'),
        ...expectEqual('extra writes', f.extraWrites, 0),
        ...expectEqual('duplicates', f.duplicates, 0),
        // Timers fire on a millisecond clock: within 1 ms of the asked wait is on time.
        ...(f.minRetryAfterMarginMs < -1 ? [`a retry came ${-f.minRetryAfterMarginMs} ms before Retry-After`] : []),
        ...expectEqual('requests with the expired token', f.expiredTokenReuse, 0),
      ],
    },
    {
      name: 'abuse',
      run: () => runAbuseScenario({ serverUri, attacks: 1000, seed }, evidence),
      verdict: (f) => [
        ...expectEqual('server errors', f.serverErrors, 0),
        ...expectEqual('failed turns', f.turnFailures, 0),
        ...expectEqual('help answered afterwards', f.helpAfterwards, true),
        ...expectEqual('health afterwards', f.healthAfterwards, 200),
        ...expectEqual('requests to foreign tenants', f.foreignTenantRequests, 0),
        ...expectEqual('unexpected writes', f.unexpectedWrites, 0),
        ...expectEqual(
          'runs, requests, mappings and controls created',
          f.runsCreated + f.requestsCreated + f.mappingsCreated + f.controlsChanged,
          0,
        ),
        ...expectEqual('prototype polluted', f.prototypePolluted, false),
        ...expectEqual('identical not-found answers', f.notFoundIdentical, f.notFoundPairs),
      ],
    },
    {
      name: 'authentication',
      run: () => runAuthScenario({ serverUri }, evidence),
      verdict: (f) => [
        ...expectEqual('forged requests not refused with 401', f.notRefused, []),
        ...expectEqual('turns run for forged requests', f.turnsFromForged, 0),
        ...expectEqual('valid token accepted', f.validTokenAccepted, true),
        ...expectEqual('health body', f.healthBody, { status: 'degraded', store: 'ok', worker: 'disabled', workers: { live: 0, lastBeatAt: null } }),
        ...expectEqual('configuration leaks', f.leaks, []),
      ],
    },
    {
      name: 'load',
      run: () => runLoadScenario({ serverUri, conversations: 50, durationMs: 60_000 }, evidence),
      verdict: (f) => expectEqual('errors', f.errors, 0),
    },
    {
      name: 'laggingGraph',
      run: () =>
        runLaggingGraphScenario({ serverUri, runs: 2, subjects: 20, maxLagMs: 30_000, slowEvery: 4, graphTimeoutMs: 2_000, visibilityWaitMs: 35_000 }, evidence),
      verdict: (f) => [...promotionGuarantees(f), ...(f.writesAppliedAfterTimeout > 0 ? [] : ['no write was applied after the client timed out'])],
    },
    {
      name: 'twoExecutors',
      run: () => runTwoExecutorsScenario({ serverUri, runs: 3, subjects: 20 }, evidence),
      verdict: (f) => [...promotionGuarantees(f), ...expectEqual('runs executed twice at once', f.overlapping, 6), ...expectEqual('extra writes', f.extraWrites, 0)],
    },
    {
      name: 'leaseRenewal',
      run: () => runLeaseRenewalScenario({ serverUri, runs: 3, subjects: 20, leaseMs: 3_000 }, evidence),
      verdict: (f) => [
        ...promotionGuarantees(f),
        ...expectEqual('writes after the lease stopped being covered', f.writesAfterCoverEnded, 0),
        ...expectEqual('writes after the takeover', f.writesAfterTakeover, 0),
      ],
    },
    {
      name: 'storeOutage',
      // A server of its own, paused 40 s with SIGSTOP; every MongoClient on the driver's default timeouts.
      run: () => runStoreOutageScenario({ runs: 2, subjects: 20, pauseMs: 40_000 }, evidence),
      verdict: (f) => promotionGuarantees(f),
    },
    {
      name: 'killSteps',
      run: () => runKillStepsScenario({ serverUri, rounds: 2, subjects: 10, progress: (line) => console.log(`  ${line.slice(0, 160)}`) }, evidence),
      verdict: (f) => [...promotionGuarantees(f), ...expectEqual('kills that landed at their step', f.killsAtStep, f.kills.length)],
    },
    {
      name: 'undoFaults',
      run: () => runUndoFaultsScenario({ serverUri, kills: 6, lostAnswers: 3, subjects: 20, seed }, evidence),
      verdict: (f) => [
        ...expectEqual('undo runs that ended well', f.endedWell, f.undoRuns),
        ...expectEqual('kills that landed mid-undo', f.runs.filter((r: { killedAfterWrite?: string }) => r.killedAfterWrite).length, 6),
        ...expectEqual('undo runs left running', f.runsLeftRunning, 0),
        ...expectEqual('writes sent twice', f.extraWrites, 0),
        ...expectEqual('deletes sent twice', f.doubleDeletes, 0),
        ...expectEqual('subjects not as before the promotion', f.notAsBefore, 0),
        ...expectEqual('compares that could not refresh the target', f.staleCompares, 0),
        ...expectEqual('target locks left', f.locksLeft, 0),
      ],
    },
    {
      name: 'secrets',
      // Last: scans the logs, documents and cards of every scenario above, plus the operator's whole path.
      run: async () => {
        await runSecretExposureFlow({ serverUri }, evidence);
        return scanEvidence(evidence);
      },
      verdict: (f) => expectEqual('secret sightings', f.sightings, 0),
    },
  ];

  const only = process.argv.slice(2);
  const measured = measuredCommit();
  // Running only some scenarios keeps the others' earlier figures (each scenario says the commit it measured).
  const previous = only.length === 0 ? {} : await readFile(RESULTS, 'utf8').then((text) => JSON.parse(text).scenarios ?? {}, () => ({}));
  const results: Record<string, unknown> = { ...previous };
  let failures = 0;
  const started = Date.now();
  for (const scenario of scenarios.filter((s) => only.length === 0 || only.includes(s.name))) {
    const at = Date.now();
    process.stdout.write(`${scenario.name} ... `);
    try {
      const figures = await scenario.run();
      const failed = scenario.verdict(figures);
      failures += failed.length > 0 ? 1 : 0;
      results[scenario.name] = { passed: failed.length === 0, failed, ...measured, generatedAt: new Date().toISOString(), seed, durationS: (Date.now() - at) / 1000, figures };
      console.log(`${failed.length === 0 ? 'passed' : `FAILED: ${failed.join('; ')}`} (${((Date.now() - at) / 1000).toFixed(1)} s)`);
    } catch (error) {
      failures += 1;
      results[scenario.name] = {
        passed: false,
        ...measured,
        generatedAt: new Date().toISOString(),
        seed,
        error: error instanceof Error ? error.stack : String(error),
        durationS: (Date.now() - at) / 1000,
      };
      console.log(`ERROR: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const summary = {
    generatedAt: new Date().toISOString(),
    ...measured,
    seed,
    mongo: mongo.kind,
    node: process.version,
    durationS: (Date.now() - started) / 1000,
    passed: Object.values(results).every((r) => (r as { passed?: boolean }).passed === true),
    scenarios: results,
  };
  await writeFile(RESULTS, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(
    `\n${failures === 0 ? 'All scenarios passed' : `${failures} scenario(s) failed`} in ${summary.durationS.toFixed(0)} s; figures in ${RESULTS}`,
  );
  await mongo.stop();
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
