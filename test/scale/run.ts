// `npm run scale`: the scale-out scenario at full size, judged against the targets; figures go to
// test/scale/results.json and a readable summary to test/scale/results.md. MONGODB_URI selects the server (otherwise an
// embedded one is started). SCALE_PHASES=backlog1,backlog2 runs only those phases.
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { resolveMongo } from '../../core/store/mongo-resolver';
import { renderResults } from './results-md';
import { runScaleScenario, type ScaleOptions } from './scenario';

const RESULTS_JSON = fileURLToPath(new URL('./results.json', import.meta.url));
const RESULTS_MD = fileURLToPath(new URL('./results.md', import.meta.url));
const ALL_PHASES: ScaleOptions['phases'] = ['backlog1', 'backlog2', 'arrivals1', 'arrivals2', 'killTakeover', 'termTakeover', 'rolling'];

/** The targets, each failed one as a line. */
export function verdict(f: Awaited<ReturnType<typeof runScaleScenario>>['figures']): string[] {
  const failed: string[] = [];
  const expect = (ok: boolean, line: string) => void (ok || failed.push(line));
  expect(f.totals.succeeded === f.totals.runs, `${f.totals.runs - f.totals.succeeded} of ${f.totals.runs} runs did not succeed`);
  expect(f.totals.duplicateObjects === 0, `${f.totals.duplicateObjects} duplicate objects in the targets`);
  expect(f.totals.lostItems === 0, `${f.totals.lostItems} items missing from the targets`);
  expect(f.totals.extraWrites === 0, `${f.totals.extraWrites} writes beyond a clean run's`);
  // A resumed item makes the writes a clean run makes, no fewer: an object present by name still lacks a write it
  // never got (its assignment, for example), which only the count shows.
  expect(f.totals.missingWrites === 0, `${f.totals.missingWrites} writes short of a clean run's`);
  for (const [kind, ratio] of Object.entries(f.throughputRatio))
    expect(ratio >= 1.8, `2 workers over 1 (${kind}) is ${ratio}x, target 1.8x`);
  for (const t of f.takeovers) expect(t.takeoverS <= 120, `takeover after ${t.signal} took ${t.takeoverS} s, target 120 s`);
  return failed;
}

async function main(): Promise<void> {
  const mongo = await resolveMongo({ log: (line) => console.log(`[mongo] ${line}`) });
  const phases = process.env.SCALE_PHASES ? (process.env.SCALE_PHASES.split(',') as ScaleOptions['phases']) : ALL_PHASES;
  const options: Omit<ScaleOptions, 'serverUri' | 'log'> = {
    // Dozens of tenants in a maintenance window, as in the issue. With 12 runs confirmed 0.6 s apart an ideal queue
    // gives 1.77x for arrivals: slots idle while the first runs arrive and the last ones finish (harness/ceiling.ts
    // computes that ideal ratio, and results.md prints it next to the measured one).
    runsPerBatch: 24,
    subjects: 12,
    // Graph answers Intune writes in several hundred milliseconds; with that latency a run's time is Graph's, as in
    // production, rather than this machine's CPU (shared, so the load average is recorded with the figures).
    writeLatencyMs: 600,
    lockLifetimeMs: 60_000,
    workerConcurrency: 2,
    drainMs: 10_000,
    // Runs must arrive faster than two workers finish them (4 slots, a run of 12 subjects in about 4 s), or the arrival
    // rate bounds the two-worker batch and the ratio measures the operators, not the workers: 0.6 s apart, as in the
    // issue's measurement.
    arrivalGapMs: 600,
    phases,
  };
  const started = Date.now();
  const loadAtStart = loadavg()[0]!;
  const { figures } = await runScaleScenario({
    ...options,
    serverUri: mongo.uri,
    log: (line) => console.log(`${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${line}`),
  });
  const failed = verdict(figures);
  const results = {
    generatedAt: new Date().toISOString(),
    commit: execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim(),
    mongo: mongo.kind,
    node: process.version,
    cpus: cpus().length,
    loadAverage1m: { atStart: Math.round(loadAtStart * 10) / 10, atEnd: Math.round(loadavg()[0]! * 10) / 10 },
    durationS: Math.round((Date.now() - started) / 1000),
    options,
    passed: failed.length === 0,
    failed,
    figures,
  };
  await writeFile(RESULTS_JSON, `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(RESULTS_MD, renderResults(results));
  console.log(failed.length === 0 ? 'All targets met' : `Targets missed:\n  ${failed.join('\n  ')}`);
  console.log(`Figures in ${RESULTS_JSON} and ${RESULTS_MD}`);
  await mongo.stop();
  process.exit(failed.length === 0 ? 0 : 1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
