// Item 1: CPU time of compare + preflight for generated tenants of 1,000, 5,000 and 10,000 subjects per side,
// measured round-robin (every round runs every size) so machine noise hits all sizes alike; plus the per-subject
// normalisation (portable hashes) the inventory reader does before any compare.
import { normaliseTenant, referenceObjectsOf } from './bench-snapshots';
import { comparePreview, preflightOf, snapshotPair } from './bench-tenants';
import { generateTenantPair } from './generate-tenant';
import { stats, timeSync, type Stats } from './measure';
import { figure, type BenchFigure } from './results';

/** How many rounds to run; defaults keep the case under a minute on a 2-core machine. */
export interface CompareCpuOptions {
  sizes?: [number, number, number];
  warmupRounds?: number;
  rounds?: number;
}

const TARGET_5K_MS = 150;
/** "Close to linear": no worse than n·log n from the smallest size to the largest. */
const nLogN = (small: number, large: number) => (large / small) * (Math.log2(large) / Math.log2(small));

interface SizeSamples {
  cpu: number[];
  wall: number[];
  compare: number[];
  preflight: number[];
}

function describe(s: Stats): string {
  return `median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms`;
}

/** Compare + preflight CPU per size, growth 10k/1k, and normalisation time per size. */
export async function compareCpuFigures(opts: CompareCpuOptions = {}): Promise<BenchFigure[]> {
  const sizes = opts.sizes ?? [1000, 5000, 10000];
  const [small, middle, large] = sizes;
  const pairs = sizes.map((n) => snapshotPair(n));
  const samples = new Map<number, SizeSamples>(sizes.map((n) => [n, { cpu: [], wall: [], compare: [], preflight: [] }]));
  const fingerprints = new Map<number, Set<string>>(sizes.map((n) => [n, new Set()]));
  const rounds = (opts.warmupRounds ?? 2) + (opts.rounds ?? 9);
  for (let round = 0; round < rounds; round++) {
    for (const [i, n] of sizes.entries()) {
      const { source, target } = pairs[i]!;
      const compare = timeSync(() => comparePreview(source, target));
      const preflight = timeSync(() => preflightOf(compare.result, source, target));
      fingerprints.get(n)!.add(preflight.result.fingerprint);
      if (round < (opts.warmupRounds ?? 2)) continue;
      const s = samples.get(n)!;
      s.cpu.push(compare.cpuMs + preflight.cpuMs);
      s.wall.push(compare.wallMs + preflight.wallMs);
      s.compare.push(compare.wallMs);
      s.preflight.push(preflight.wallMs);
    }
  }
  if ([...fingerprints.values()].some((set) => set.size !== 1))
    throw new Error('compare + preflight is not deterministic: fingerprints differ between rounds');

  const cpu = (n: number) => stats(samples.get(n)!.cpu);
  const notes = (n: number, i: number) => {
    const s = samples.get(n)!;
    const preflight = preflightOf(comparePreview(pairs[i]!.source, pairs[i]!.target), pairs[i]!.source, pairs[i]!.target);
    const c = preflight.compare.counts;
    const g = pairs[i]!.pair.counts;
    return (
      `CPU ${describe(cpu(n))} over ${s.cpu.length} rounds (wall ${describe(stats(s.wall))}; compare ${stats(s.compare).median.toFixed(1)} ms + preflight ` +
      `${stats(s.preflight).median.toFixed(1)} ms). Preview: ${c.in_sync} in sync, ${c.different} different, ${c.missing_in_target} missing, ` +
      `${c.only_in_target} only in target, ${c.ambiguous} ambiguous; preflight: ${preflight.counts.ready} ready, ${preflight.counts.blocked} blocked, ` +
      `${preflight.counts.manualMapping} manual mapping. Generated: ${g.inSync} identical, ${g.different} drifted, ${g.missing + g.gap + g.secret} missing, ` +
      `${g.duplicate} duplicate-named, ${g.onlyInTarget} target-only.`
    );
  };
  const perSize = sizes.map((n, i) =>
    figure({
      id: `compare-preflight-${n}`,
      item: 1,
      title: `Compare + preflight CPU, ${n.toLocaleString('en-US')} subjects per side`,
      value: cpu(n).median,
      unit: 'ms',
      spread: cpu(n),
      reference:
        i === 0 ? null : { value: (cpu(small).median * n) / small, unit: 'ms', label: `linear from ${small.toLocaleString('en-US')}` },
      target: n === middle ? { op: '<', value: TARGET_5K_MS, unit: 'ms' } : null,
      notes: notes(n, i),
    }),
  );
  const growth = cpu(large).median / cpu(small).median;
  return [
    ...perSize,
    figure({
      id: 'compare-preflight-growth',
      item: 1,
      title: `Compare + preflight growth ${large / 1000}k / ${small / 1000}k`,
      value: growth,
      unit: '×',
      reference: { value: large / small, unit: '×', label: 'linear' },
      target: { op: '<=', value: Number(nLogN(small, large).toFixed(1)), unit: '×' },
      notes: `Median CPU ${cpu(large).median.toFixed(1)} ms ÷ ${cpu(small).median.toFixed(1)} ms; target is n·log n growth (${nLogN(small, large).toFixed(1)}×), linear is ${large / small}×.`,
    }),
    ...normalisationFigures(sizes),
  ];
}

/** The reader's per-subject normalisation (strip, canonical hashes, portable hashes) of both tenants, once per size. */
function normalisationFigures(sizes: readonly number[]): BenchFigure[] {
  const small = sizes[0]!;
  const large = sizes.at(-1)!;
  const warm = generateTenantPair({ subjects: small, seed: 7 });
  normaliseTenant(warm.source);
  const ms = new Map<number, number>();
  for (const n of [small, large]) {
    const { pair } = snapshotPair(n);
    const refs = [referenceObjectsOf(pair.source), referenceObjectsOf(pair.target)] as const;
    ms.set(n, timeSync(() => [normaliseTenant(pair.source, refs[0]), normaliseTenant(pair.target, refs[1])]).cpuMs);
  }
  const perSubject = (n: number) => (ms.get(n)! * 1000) / (2 * n);
  return [
    figure({
      id: `normalise-${large}`,
      item: 1,
      title: `Normalisation + portable hashes, ${large.toLocaleString('en-US')} subjects per side`,
      value: ms.get(large)!,
      unit: 'ms',
      reference: { value: (ms.get(small)! * large) / small, unit: 'ms', label: `linear from ${small.toLocaleString('en-US')}` },
      target: null,
      notes:
        `CPU of normaliseSubject + withPortableHashes for both tenants (${2 * large} subjects, one run each): ${perSubject(large).toFixed(0)} µs per subject ` +
        `at ${large.toLocaleString('en-US')} vs ${perSubject(small).toFixed(0)} µs at ${small.toLocaleString('en-US')}. Runs once per inventory sync, not per compare.`,
    }),
  ];
}
