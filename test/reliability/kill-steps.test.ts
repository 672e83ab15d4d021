import { describe, expect, it } from 'vitest';
import { emptyEvidence } from './harness/evidence';
import { expectPromotionGuarantees } from './harness/expect-guarantees';
import { testServerUri } from './harness/vitest-mongo';
import { runKillStepsScenario, type KillStep } from './scenarios/kill-steps';

// Two halves, so each file stays short on a busy machine; `npm run reliability` runs every step several times.
const HALVES: { name: string; steps: KillStep[] }[] = [
  { name: 'claim, intent and the create applied without its answer', steps: ['claim', 'intent', 'write'] },
  { name: 'assign, record and the update applied without its answer', steps: ['assign', 'record', 'update-write'] },
];

describe('the executing worker SIGKILLed right after a step of an item', () => {
  for (const half of HALVES) {
    it(`${half.name}: another worker finishes the run, writing nothing twice and losing nothing`, async () => {
      const figures = await runKillStepsScenario({ serverUri: testServerUri(), rounds: 1, subjects: 5, steps: half.steps }, emptyEvidence());
      expect(figures.kills.map((k) => k.step)).toEqual(half.steps);
      expect(figures.killsAtStep, JSON.stringify(figures.kills)).toBe(half.steps.length);
      expectPromotionGuarantees(figures);
    }, 90_000);
  }
});
