import { describe, expect, it } from 'vitest';
import { driftChanges } from '../../../core/watches/drift-diff';
import type { WatchedDifference, WatchResult } from '../../../core/watches/model';

const counts = { in_sync: 0, different: 0, missing_in_target: 0, only_in_target: 0, ambiguous: 0 };
const result = (differences: WatchedDifference[]): WatchResult => ({ differences, counts, fingerprint: 'f' });
const d = (type: WatchedDifference['type'], displayName: string, state: WatchedDifference['state'], hash = 'h1'): WatchedDifference => ({ type, displayName, state, hash });

describe('what changed since the last check', () => {
  it('lists new differences first, then subjects that changed again, then differences gone, by type and name', () => {
    const before = result([d('settingsCatalog', 'Win - Defender Antivirus', 'missing_in_target'), d('deviceConfiguration', 'Win - Device Restrictions', 'different'), d('compliancePolicy', 'Win - Kiosk', 'missing_in_target')]);
    const now = result([
      d('deviceConfiguration', 'Win - Device Restrictions', 'different', 'h2'),
      d('settingsCatalog', 'Win - Edge', 'ambiguous'),
      d('compliancePolicy', 'Win - Compliance Baseline', 'different'),
      d('compliancePolicy', 'Win - Kiosk', 'different'),
    ]);
    expect(driftChanges(before, now)).toEqual([
      { kind: 'new', type: 'compliancePolicy', displayName: 'Win - Compliance Baseline', state: 'different' },
      { kind: 'new', type: 'settingsCatalog', displayName: 'Win - Edge', state: 'ambiguous' },
      { kind: 'changed', type: 'compliancePolicy', displayName: 'Win - Kiosk', state: 'different', previousState: 'missing_in_target' },
      { kind: 'changed', type: 'deviceConfiguration', displayName: 'Win - Device Restrictions', state: 'different' },
      { kind: 'resolved', type: 'settingsCatalog', displayName: 'Win - Defender Antivirus', state: 'missing_in_target' },
    ]);
  });

  it('finds nothing when the same differences hold the same content, whatever their order or name case', () => {
    const before = result([d('compliancePolicy', 'Win - Compliance Baseline', 'different'), d('settingsCatalog', 'Win - Edge', 'ambiguous')]);
    const now = result([d('settingsCatalog', 'win - edge ', 'ambiguous'), d('compliancePolicy', 'Win - Compliance Baseline', 'different')]);
    expect(driftChanges(before, now)).toEqual([]);
  });

  it('counts every current difference as new on the first check', () => {
    expect(driftChanges(undefined, result([d('compliancePolicy', 'Win - Compliance Finance', 'missing_in_target')])).map((c) => c.kind)).toEqual(['new']);
  });
});
