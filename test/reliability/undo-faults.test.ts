import { describe, expect, it } from 'vitest';
import { emptyEvidence } from './harness/evidence';
import { testServerUri } from './harness/vitest-mongo';
import { runUndoFaultsScenario } from './scenarios/undo-faults';

describe('undo runs confirmed from chat, under faults', () => {
  it('a worker SIGKILLed mid-undo, and answers lost on deletes: each delete sent once, and the target back as before', async () => {
    const figures = await runUndoFaultsScenario({ serverUri: testServerUri(), kills: 1, lostAnswers: 1, subjects: 8, seed: 7 }, emptyEvidence());
    const shown = JSON.stringify(figures.runs);
    expect(figures.runs.map((r) => r.fault)).toEqual(['kill', 'lostAnswers']);
    expect(figures.runs[0]!.killedAfterWrite, shown).toBeDefined();
    expect(figures.endedWell, shown).toBe(2);
    expect(figures.doubleDeletes, shown).toBe(0);
    expect(figures.extraWrites, shown).toBe(0);
    expect(figures.notAsBefore, shown).toBe(0);
    expect(figures.locksLeft, shown).toBe(0);
  }, 180_000);
});
