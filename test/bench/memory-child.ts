// Child process of the memory benchmark: builds the 10,000-subject snapshots, then measures the resident set
// before, during (peak, via the kernel's high-water mark reset just before) and after one compare + preflight.
// Prints one JSON line on stdout. Run with --expose-gc so the baseline is taken on a collected heap.
import { readFileSync, writeFileSync } from 'node:fs';
import { comparePreview, preflightOf, snapshotPair } from './bench-tenants';

const MB = 1024 * 1024;
const subjects = Number(process.argv[2] ?? 10000);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** Peak resident set since the last reset, in bytes; undefined off Linux. */
function highWaterMark(): number | undefined {
  try {
    const kb = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

/** Resets the kernel's peak-RSS counter (Linux ≥ 4.0); false when that is not possible. */
function resetHighWaterMark(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

const rssAtStart = process.memoryUsage().rss;
const { source, target } = snapshotPair(subjects);
gc();
gc();
const before = process.memoryUsage();
const reset = resetHighWaterMark();
const preview = comparePreview(source, target);
const preflight = preflightOf(preview, source, target);
const peak = reset ? highWaterMark() : undefined;
const after = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({
    subjects,
    entries: preview.entries.length,
    items: preflight.items.length,
    rssAtStartMb: rssAtStart / MB,
    rssBeforeMb: before.rss / MB,
    heapUsedBeforeMb: before.heapUsed / MB,
    rssAfterMb: after.rss / MB,
    heapUsedAfterMb: after.heapUsed / MB,
    peakDuringCompareMb: peak === undefined ? null : peak / MB,
    processPeakMb: (process.resourceUsage().maxRSS * 1024) / MB,
  })}\n`,
);
