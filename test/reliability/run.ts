// `npm run reliability`: every reliability and security scenario at full size on loopback (MongoDB, the Graph sandbox,
// the bot over the Bot Framework protocol), each judged against its criteria; the figures go to results.json.
// RELIABILITY_SEED replays a run; MONGODB_URI selects the server (otherwise an embedded one is started).
import { writeFile } from 'node:fs/promises';
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
        ...expectEqual('completed runs', f.completed, f.runs),
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
  const results: Record<string, unknown> = {};
  let failures = 0;
  const started = Date.now();
  for (const scenario of scenarios.filter((s) => only.length === 0 || only.includes(s.name))) {
    const at = Date.now();
    process.stdout.write(`${scenario.name} ... `);
    try {
      const figures = await scenario.run();
      const failed = scenario.verdict(figures);
      failures += failed.length > 0 ? 1 : 0;
      results[scenario.name] = { passed: failed.length === 0, failed, durationS: (Date.now() - at) / 1000, figures };
      console.log(`${failed.length === 0 ? 'passed' : `FAILED: ${failed.join('; ')}`} (${((Date.now() - at) / 1000).toFixed(1)} s)`);
    } catch (error) {
      failures += 1;
      results[scenario.name] = {
        passed: false,
        error: error instanceof Error ? error.stack : String(error),
        durationS: (Date.now() - at) / 1000,
      };
      console.log(`ERROR: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const summary = {
    generatedAt: new Date().toISOString(),
    seed,
    mongo: mongo.kind,
    node: process.version,
    durationS: (Date.now() - started) / 1000,
    passed: failures === 0,
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
