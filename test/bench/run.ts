// `npm run bench`: runs every benchmark case on loopback, then writes test/bench/results.json and results.md and
// prints the table. `npm run bench -- --only=cpu,cards` runs some cases and prints without writing the files.
import os from 'node:os';
import { BenchMongo } from './bench-mongo';
import { cardSizeFigures } from './card-size.bench-case';
import { chatLatencyFigures } from './chat-latency.bench-case';
import { compareCpuFigures } from './compare-cpu.bench-case';
import { driftCheckFigures } from './drift-check.bench-case';
import { graphRequestFigures } from './graph-requests.bench-case';
import { memoryFigures } from './memory.bench-case';
import { promotionThroughputFigures } from './promotion-throughput.bench-case';
import { machine, toMarkdown, writeResults, type BenchFigure, type RunInfo } from './results';

/** What a case may use besides its own code: the run's MongoDB (started on first use) and the log. */
export interface BenchContext {
  mongo: BenchMongo;
  log: (line: string) => void;
}

/** The cases in the order they run: pure CPU first (quietest machine), then the ones that start servers. */
const CASES: Record<string, (ctx: BenchContext) => Promise<BenchFigure[]>> = {
  cpu: () => compareCpuFigures(),
  memory: () => memoryFigures(),
  cards: (ctx) => cardSizeFigures(ctx),
  graph: () => graphRequestFigures(),
  chat: (ctx) => chatLatencyFigures(ctx),
  promotion: (ctx) => promotionThroughputFigures(ctx),
  drift: (ctx) => driftCheckFigures(ctx),
};

async function main(): Promise<void> {
  const only = process.argv
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',');
  const unknown = only?.filter((name) => !(name in CASES)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown case(s) ${unknown.join(', ')}; known: ${Object.keys(CASES).join(', ')}`);
  const startedAt = new Date();
  const loadAtStart = os.loadavg();
  const log = (line: string) => console.log(`[bench] ${line}`);
  const mongo = new BenchMongo(log);
  const figures: BenchFigure[] = [];
  try {
    for (const [name, run] of Object.entries(CASES)) {
      if (only && !only.includes(name)) continue;
      const started = Date.now();
      log(`${name}: running`);
      const result = await run({ mongo, log });
      figures.push(...result);
      log(`${name}: ${result.length} figures in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    await mongo.stop();
  }
  const info: RunInfo = {
    startedAt: startedAt.toISOString(),
    durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    ...machine(),
    loadAverage: { atStart: loadAtStart, atEnd: os.loadavg() },
    mongo: mongo.kind ?? 'not used',
  };
  const sorted = [...figures].sort((a, b) => a.item - b.item);
  if (only) {
    console.log(toMarkdown(sorted, info));
    return;
  }
  const { json, markdown } = await writeResults(sorted, info);
  console.log(markdown);
  log(`wrote ${json} and results.md`);
  const failed = sorted.filter((f) => f.pass === false).map((f) => f.id);
  if (failed.length > 0) log(`targets missed: ${failed.join(', ')}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
