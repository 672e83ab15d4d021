import { describe, expect, it } from 'vitest';
import { idealMakespanS, ratioCeiling } from './harness/ceiling';

describe('the ideal throughput ratio printed next to the measured one in the scale results', () => {
  it('is exactly 2 for a backlog that fills every slot of both workers', () => {
    expect(ratioCeiling(12, 0, 2, 2, 4)).toBe(2);
  });

  it('stays under 1.8 for 12 runs confirmed 0.6 s apart: the staggered start costs two workers more than one', () => {
    // One worker: 0.6 + 6 × 3.8 = 23.4 s; two: 1.8 + 3 × 3.8 = 13.2 s.
    expect(idealMakespanS([0, 0.6, 1.2, 1.8, 2.4, 3, 3.6, 4.2, 4.8, 5.4, 6, 6.6], 4, 3.8)).toBeCloseTo(13.2, 5);
    expect(ratioCeiling(12, 0.6, 2, 2, 3.8)).toBe(1.77);
  });

  it('rises towards 2 as the batch grows to dozens of runs', () => {
    expect(ratioCeiling(24, 0.6, 2, 2, 3.8)).toBe(1.88);
  });

  it('is bounded by the arrivals when runs arrive slower than the slots free up', () => {
    // A run every 2 s, each 1 s long: both set-ups keep up, so the ratio is 1.
    expect(ratioCeiling(10, 2, 2, 2, 1)).toBe(1);
  });
});
