// The human-readable summary of test/scale/results.json.
import type { ScaleFigures } from './scenario';

interface Results {
  generatedAt: string;
  commit: string;
  mongo: string;
  cpus: number;
  loadAverage1m: { atStart: number; atEnd: number };
  durationS: number;
  options: Record<string, unknown>;
  passed: boolean;
  failed: string[];
  figures: ScaleFigures;
}

const split = (s: Record<string, number>) =>
  Object.entries(s)
    .map(([w, n]) => `${w}: ${n}`)
    .join(', ');

export function renderResults(r: Results): string {
  const f = r.figures;
  const lines = [
    '# Scale-out results',
    '',
    `Commit \`${r.commit}\`, ${r.generatedAt}, MongoDB: ${r.mongo}, ${r.cpus} CPU cores (load average ${r.loadAverage1m.atStart} at start, ${r.loadAverage1m.atEnd} at the end: the machine is shared), ${r.durationS} s.`,
    `Sandbox, 2 web and 1–2 worker processes (ROLE=sandbox/web/worker, bot/main.ts) on one MongoDB, driven over the Bot Framework protocol, requests alternating between the web instances.`,
    `Options: ${Object.entries(r.options)
      .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`)
      .join(', ')}.`,
    '',
    r.passed ? '**Every target met.**' : `**Targets missed:**\n${r.failed.map((l) => `- ${l}`).join('\n')}`,
    '',
    '## Exactly once',
    '',
    `| runs | succeeded | duplicate objects | objects missing | writes beyond a clean run | writes short of a clean run | runs started more than once |`,
    `| ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
    `| ${f.totals.runs} | ${f.totals.succeeded} | ${f.totals.duplicateObjects} | ${f.totals.lostItems} | ${f.totals.extraWrites} | ${f.totals.missingWrites} | ${f.totals.runsStartedMoreThanOnce} |`,
    '',
    'Runs started more than once are resumed runs (after a takeover, a hand-back or a restart), not double executions:',
    'a double execution would show as duplicate objects or extra writes. Writes short of a clean run would be writes a',
    'resumed item never made (its object present by name, but without its assignment, for example).',
    '',
    '## Throughput and split',
    '',
    '| batch | runs | duration (s) | runs/min | mean wait in queue (s) | mean run (s) | runs per worker |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...Object.entries(f.batches).map(([name, b]) => `| ${name} | ${b.runs} | ${b.durationS} | ${b.runsPerMinute} | ${b.meanQueuedS} | ${b.meanRunS} | ${split(b.split)} |`),
    '',
    `2 workers over 1: backlog ${f.throughputRatio.backlog ?? 'not measured'}×, arrivals ${f.throughputRatio.arrivals ?? 'not measured'}× (target ≥ 1.8×).`,
    `An ideal queue (no overhead at all, every run as long as the measured mean) would give: backlog ${f.throughputCeiling?.backlog ?? 'not measured'}×, arrivals ${f.throughputCeiling?.arrivals ?? 'not measured'}×.`,
    'Staggered arrivals leave slots idle while the first runs arrive and the last ones finish, which costs two workers',
    'proportionally more than one; a batch of dozens of runs keeps that edge small next to the steady state. Overhead',
    'paid once per run (a worker noticing a queued job at its next poll) costs one worker more, so a measured ratio can',
    'exceed the ideal one.',
    '',
    "## Takeover of a busy worker's run",
    '',
    '| signal | items done before | takeover (s) | taken over by | run status |',
    '| --- | ---: | ---: | --- | --- |',
    ...f.takeovers.map((t) => `| ${t.signal} | ${t.itemsBefore} | ${t.takeoverS} | ${t.takenOverBy} | ${t.status} |`),
    '',
    'Takeover: from the signal to the next item the run finished on another worker (target ≤ 120 s).',
    '',
    '## Chat while runs execute',
    '',
    `${f.chatLatency.requests} \`runs\` commands: p50 ${f.chatLatency.p50Ms} ms, p95 ${f.chatLatency.p95Ms} ms, max ${f.chatLatency.maxMs} ms.`,
    '',
  ];
  return `${lines.join('\n')}\n`;
}
