import { describe, expect, it } from 'vitest';
import {
  comparePair,
  FIXTURE_NOW,
  ONE_DAY_MS,
  snapshot,
  SOURCE_TENANT,
  TARGET_TENANT,
} from '../../support/inventory-builder';

function tenants(targetLength = 8) {
  const source = snapshot(SOURCE_TENANT)
    .group('s-pilot', 'Pilot users')
    .deviceConfiguration('Restrictions', { passwordMinimumLength: 12 })
    .subject(
      'conditionalAccessPolicy',
      'Require MFA',
      { conditions: { users: { includeGroups: ['s-pilot'] } } },
      { references: [{ kind: 'group', id: 's-pilot' }] },
    )
    .build();
  const target = snapshot(TARGET_TENANT)
    .group('t-ring1', 'Ring 1')
    .group('t-ring2', 'Ring 2')
    .deviceConfiguration('Restrictions', { passwordMinimumLength: targetLength })
    .build();
  return { source, target };
}
const mapTo = (targetId: string) => [{ kind: 'group' as const, sourceId: 's-pilot', targetId }];

describe('preflight fingerprint', () => {
  it('is the same when the preflight is generated again from the same evidence, later but within freshness', () => {
    const { source, target } = tenants();
    const first = comparePair(source, target, { mappings: mapTo('t-ring1') }).preflight;
    const again = comparePair(
      source,
      { ...target, observedAt: new Date(target.observedAt.getTime() + 1000) },
      {
        mappings: mapTo('t-ring1'),
        now: new Date(FIXTURE_NOW.getTime() + 60_000),
      },
    ).preflight;
    expect(again.fingerprint).toBe(first.fingerprint);
  });

  it('changes when a target subject changes', () => {
    const before = comparePair(tenants(8).source, tenants(8).target).preflight;
    const after = comparePair(tenants(8).source, tenants(10).target).preflight;
    expect(after.fingerprint).not.toBe(before.fingerprint);
  });

  it('changes when a managed mapping points elsewhere', () => {
    const { source, target } = tenants();
    const ring1 = comparePair(source, target, { mappings: mapTo('t-ring1') }).preflight;
    const ring2 = comparePair(source, target, { mappings: mapTo('t-ring2') }).preflight;
    expect(ring2.fingerprint).not.toBe(ring1.fingerprint);
  });

  it('changes when a mapping turns a manual subject into a ready one', () => {
    const { source, target } = tenants();
    const manual = comparePair(source, target).preflight;
    const mapped = comparePair(source, target, { mappings: mapTo('t-ring1') }).preflight;
    expect(manual.counts.manualMapping).toBe(1);
    expect(mapped.counts.manualMapping).toBe(0);
    expect(mapped.fingerprint).not.toBe(manual.fingerprint);
  });

  it('changes when a same-named target group was recreated under a new id', () => {
    const { source } = tenants();
    const targetWith = (groupId: string) => snapshot(TARGET_TENANT).group(groupId, 'Pilot users').build();
    const before = comparePair(source, targetWith('t-pilot-old')).preflight;
    const after = comparePair(source, targetWith('t-pilot-new')).preflight;
    expect(before.counts.ready).toBe(2);
    expect(after.fingerprint).not.toBe(before.fingerprint);
  });

  it('does not change when an unrelated mapping is added', () => {
    const { source, target } = tenants();
    const base = comparePair(source, target, { mappings: mapTo('t-ring1') }).preflight;
    const extra = comparePair(source, target, {
      mappings: [...mapTo('t-ring1'), { kind: 'namedLocation', sourceId: 's-office', targetId: 't-office' }],
    }).preflight;
    expect(extra.fingerprint).toBe(base.fingerprint);
  });

  it('changes when the evidence goes stale with time', () => {
    const { source, target } = tenants();
    const fresh = comparePair(source, target).preflight;
    const stale = comparePair(source, target, { now: new Date(FIXTURE_NOW.getTime() + 2 * ONE_DAY_MS) }).preflight;
    expect(stale.fingerprint).not.toBe(fresh.fingerprint);
  });
});
