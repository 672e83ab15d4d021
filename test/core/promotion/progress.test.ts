import { describe, expect, it } from 'vitest';
import { ProgressThrottle } from '../../../core/promotion/progress';

const at = (ms: number) => new Date(Date.UTC(2026, 3, 27, 10, 0, 0) + ms);

describe('progress throttle', () => {
  it('lets the first update through, then at most one per interval', () => {
    const throttle = new ProgressThrottle(2000);
    const sent = [0, 500, 1999, 2000, 2100, 3999, 4000, 9000].filter((ms) => throttle.shouldSend(at(ms)));
    expect(sent).toEqual([0, 2000, 4000, 9000]);
  });

  it('measures the interval from the last update it let through, not from the last one asked for', () => {
    const throttle = new ProgressThrottle(1000);
    expect(throttle.shouldSend(at(0))).toBe(true);
    expect(throttle.shouldSend(at(900))).toBe(false);
    expect(throttle.shouldSend(at(1000))).toBe(true);
  });
});
