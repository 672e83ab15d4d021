import { describe, expect, it } from 'vitest';
import { bounded, cardDateTime, clip, countOf, formatAge, formatDuration } from '../../cards/text';

describe('card text helpers', () => {
  it('clips long text with an ellipsis and leaves short text alone', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('abcd', 4)).toBe('abcd');
  });

  it('bounds a list and counts what is hidden against the real total', () => {
    expect(bounded([1, 2, 3, 4], 2)).toEqual({ shown: [1, 2], more: '+2 more' });
    expect(bounded([1, 2], 5)).toEqual({ shown: [1, 2], more: undefined });
    expect(bounded([1, 2], 2, 10)).toEqual({ shown: [1, 2], more: '+8 more' });
  });

  it('writes counts with the right noun', () => {
    expect(countOf(1, 'subject', 'subjects')).toBe('1 subject');
    expect(countOf(0, 'subject', 'subjects')).toBe('0 subjects');
  });

  it('renders timestamps for Teams to localise, without milliseconds', () => {
    expect(cardDateTime(new Date('2025-03-01T09:00:00.456Z'))).toBe('{{DATE(2025-03-01T09:00:00Z, SHORT)}} {{TIME(2025-03-01T09:00:00Z)}}');
  });

  it('describes how long ago a snapshot was observed', () => {
    const now = new Date('2025-03-10T12:00:00Z');
    const ago = (ms: number) => formatAge(new Date(now.getTime() - ms), now);
    expect(ago(20_000)).toBe('just now');
    expect(ago(5 * 60_000)).toBe('5 min ago');
    expect(ago(2 * 3_600_000)).toBe('2 h ago');
    expect(ago(3 * 86_400_000)).toBe('3 d ago');
  });

  it('describes run durations', () => {
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(192_000)).toBe('3 min 12 s');
    expect(formatDuration(4_320_000)).toBe('1 h 12 min');
  });
});
