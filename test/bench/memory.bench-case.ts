// Item 6: peak resident memory of the 10,000-subject compare + preflight, measured in a child process so nothing
// else this run allocated counts.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { z } from 'zod';
import { figure, type BenchFigure } from './results';

const ChildReport = z.object({
  subjects: z.number(),
  entries: z.number(),
  items: z.number(),
  rssAtStartMb: z.number(),
  rssBeforeMb: z.number(),
  heapUsedBeforeMb: z.number(),
  rssAfterMb: z.number(),
  heapUsedAfterMb: z.number(),
  peakDuringCompareMb: z.number().nullable(),
  processPeakMb: z.number(),
});

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('./memory-child.ts', import.meta.url));

/** Peak RSS during one compare + preflight of `subjects` per side, beside the RSS holding the snapshots before it. */
export async function memoryFigures(subjects = 10000): Promise<BenchFigure[]> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD, String(subjects)], {
    cwd: REPO_ROOT,
    maxBuffer: 1024 * 1024,
    timeout: 180_000,
  });
  const r = ChildReport.parse(JSON.parse(stdout.trim().split('\n').pop()!));
  const peak = r.peakDuringCompareMb ?? Math.max(r.rssAfterMb, r.rssBeforeMb);
  return [
    figure({
      id: `memory-compare-${subjects}`,
      item: 6,
      title: `Peak RSS of the ${subjects.toLocaleString('en-US')}-subject compare + preflight`,
      value: peak,
      unit: 'MB',
      reference: { value: r.rssBeforeMb, unit: 'MB', label: 'RSS holding both snapshots before it' },
      target: null,
      notes:
        `Child process; RSS ${r.rssAtStartMb.toFixed(0)} MB at start, ${r.rssBeforeMb.toFixed(0)} MB with both snapshots loaded (heap ${r.heapUsedBeforeMb.toFixed(0)} MB), ` +
        `${r.peakDuringCompareMb === null ? 'peak not measurable here (no /proc), max of before/after shown' : `peak ${peak.toFixed(0)} MB during the compare`}, ` +
        `${r.rssAfterMb.toFixed(0)} MB after (heap ${r.heapUsedAfterMb.toFixed(0)} MB holding the preview of ${r.entries} entries and ${r.items} preflight items). ` +
        `Process peak including generation and normalisation: ${r.processPeakMb.toFixed(0)} MB.`,
    }),
  ];
}
