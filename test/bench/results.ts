// The benchmark results: one entry per figure (value beside its reference, target, pass/fail), written as
// test/bench/results.json and as the markdown table test/bench/results.md.
import { writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { round } from './measure';

/** A measured quantity with its unit. */
export interface Quantity {
  value: number;
  unit: string;
}

/** What a figure must achieve: `value op target` (e.g. `<= 150 ms`). */
export interface Target extends Quantity {
  op: '<' | '<=' | '>=' | '>';
}

/** One figure of the issue, measured in the same run as its reference. */
export interface BenchFigure {
  /** Stable key, e.g. `compare-preflight-5000`. */
  id: string;
  /** Which item of the issue this measures (1..6). */
  item: number;
  title: string;
  value: number;
  unit: string;
  /** What the value is read against, measured (or computed) in the same run; null when it stands alone. */
  reference: (Quantity & { label: string }) | null;
  /** value ÷ reference, when both are in the same unit. */
  ratio: number | null;
  target: Target | null;
  /** null when the issue sets no target for this figure. */
  pass: boolean | null;
  /** For repeated measurements: how many, their median and 95th percentile (in `unit`). */
  spread?: { n: number; median: number; p95: number };
  /** How it was measured and what else was seen (p95, counts...). */
  notes: string;
}

/** Whether `value` meets the target; null without a target. */
export function meets(value: number, target: Target | null): boolean | null {
  if (!target) return null;
  return { '<': value < target.value, '<=': value <= target.value, '>=': value >= target.value, '>': value > target.value }[target.op];
}

/** A figure with ratio and pass/fail derived from its value, reference and target. */
export function figure(f: Omit<BenchFigure, 'ratio' | 'pass'> & { ratio?: number | null }): BenchFigure {
  const ratio =
    f.ratio !== undefined
      ? f.ratio
      : f.reference && f.reference.unit === f.unit && f.reference.value !== 0
        ? f.value / f.reference.value
        : null;
  const reference = f.reference && { ...f.reference, value: round(f.reference.value) };
  const spread = f.spread && { n: f.spread.n, median: round(f.spread.median), p95: round(f.spread.p95) };
  return {
    ...f,
    value: round(f.value),
    reference,
    ratio: ratio === null ? null : round(ratio),
    pass: meets(f.value, f.target),
    ...(spread ? { spread } : {}),
  };
}

/** Facts about the run that help reading the numbers (machine, load, duration). */
export interface RunInfo {
  /** The commit measured (`git rev-parse HEAD`), with `+changes` when the tree had uncommitted changes. */
  commit: string;
  startedAt: string;
  durationSeconds: number;
  node: string;
  cpus: number;
  cpuModel: string;
  loadAverage: { atStart: number[]; atEnd: number[] };
  mongo: string;
}

/** The machine as it is now, and the commit being measured. */
export function machine(): Pick<RunInfo, 'node' | 'cpus' | 'cpuModel' | 'commit'> {
  const cpus = os.cpus();
  return { node: process.version, cpus: cpus.length, cpuModel: cpus[0]?.model ?? 'unknown', commit: measuredCommit() };
}

function measuredCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
    return `${head}${dirty ? '+changes' : ''}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

const q = (value: number, unit: string) => `${round(value).toLocaleString('en-US')} ${unit}`.trim();
const RESULT_TEXT = (pass: boolean | null) => (pass === null ? '—' : pass ? 'pass' : '**FAIL**');

/** The results as a markdown table plus one note per figure. */
export function toMarkdown(figures: readonly BenchFigure[], info: RunInfo): string {
  const rows = figures.map((f) =>
    [
      String(f.item),
      f.title,
      q(f.value, f.unit),
      f.spread ? `${round(f.spread.median)} / ${round(f.spread.p95)} (n ${f.spread.n})` : '—',
      f.reference ? `${q(f.reference.value, f.reference.unit)} (${f.reference.label})` : '—',
      f.ratio === null ? '—' : `${f.ratio}×`,
      f.target ? `${f.target.op} ${q(f.target.value, f.target.unit)}` : '—',
      RESULT_TEXT(f.pass),
    ].join(' | '),
  );
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');
  return [
    '# Benchmark results',
    '',
    `Commit ${info.commit} · run ${info.startedAt} · ${info.durationSeconds} s · Node ${info.node} · ${info.cpus} × ${info.cpuModel} · MongoDB: ${info.mongo}`,
    `Load average (1 / 5 / 15 min) at start ${load(info.loadAverage.atStart)}, at end ${load(info.loadAverage.atEnd)}.`,
    '',
    '| # | figure | value | median / p95 (n) | reference | ratio | target | result |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r} |`),
    '',
    '## Notes',
    '',
    ...figures.map((f) => `- **${f.id}**: ${f.notes}`),
    '',
  ].join('\n');
}

/** Writes results.json and results.md next to this file. */
export async function writeResults(figures: readonly BenchFigure[], info: RunInfo): Promise<{ json: string; markdown: string }> {
  const json = new URL('./results.json', import.meta.url);
  const markdown = new URL('./results.md', import.meta.url);
  const text = toMarkdown(figures, info);
  await writeFile(json, `${JSON.stringify({ run: info, figures }, null, 2)}\n`);
  await writeFile(markdown, text);
  return { json: json.pathname, markdown: text };
}
