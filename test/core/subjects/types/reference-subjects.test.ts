import { describe, expect, it } from 'vitest';
import { normaliseSubject } from '../../../../core/inventory/normalise';
import { withPortableHashes } from '../../../../core/inventory/portable-hash';
import { assignmentFilter } from '../../../../core/subjects/types/assignment-filter';
import { namedLocation } from '../../../../core/subjects/types/named-location';
import type { GraphJson } from '../../../../core/subjects/subject-type';
import { SOURCE, SOURCE_RECREATED, TARGET, sourceToTarget, type TenantSide } from '../../../support/graph-payloads';

/** A filter as `GET /beta/deviceManagement/assignmentFilters` answers it (deviceAndAppManagementAssignmentFilter). */
function filter(side: TenantSide, rule = '(device.deviceOwnership -eq "Corporate") and (device.osVersion -startsWith "10.0.22")'): GraphJson {
  return {
    '@odata.type': '#microsoft.graph.deviceAndAppManagementAssignmentFilter',
    id: side.filterId,
    createdDateTime: side.created,
    lastModifiedDateTime: side.modified,
    displayName: 'Windows 11 Corporate',
    description: 'Corporate-owned Windows 11',
    platform: 'windows10AndLater',
    rule,
    roleScopeTags: ['0', side.scopeTagId],
    payloads: [{ '@odata.type': '#microsoft.graph.payloadByFilter', payloadId: side.policyId, payloadType: 'deviceConfigurationAndCompliance', groupId: side.groupId, assignmentFilterType: 'include' }],
    assignmentFilterManagementType: 'devices',
  };
}

/** An IP named location as `GET /v1.0/identity/conditionalAccess/namedLocations` answers it. */
function ipLocation(side: TenantSide, ranges = ['203.0.113.0/24', '2001:db8::/48']): GraphJson {
  return {
    '@odata.type': '#microsoft.graph.ipNamedLocation',
    id: side.locationId,
    displayName: 'Contoso HQ',
    modifiedDateTime: side.modified,
    createdDateTime: side.created,
    isTrusted: true,
    ipRanges: ranges.map((cidrAddress) => ({ '@odata.type': cidrAddress.includes(':') ? '#microsoft.graph.iPv6CidrRange' : '#microsoft.graph.iPv4CidrRange', cidrAddress })),
  };
}

describe('assignment filter subject type', () => {
  it('compares the rule, not the assignments Intune reports as using the filter', () => {
    const subject = normaliseSubject(assignmentFilter, filter(SOURCE));
    expect(subject.payload).not.toHaveProperty('payloads');
    expect(subject.assignments).toEqual([]);
    expect(normaliseSubject(assignmentFilter, { ...filter(SOURCE_RECREATED), payloads: [] }).contentHash).toBe(subject.contentHash);
    expect(normaliseSubject(assignmentFilter, filter(SOURCE, '(device.deviceOwnership -eq "Personal")')).contentHash).not.toBe(subject.contentHash);
  });

  it('names its scope tags from roleScopeTags and writes them translated, with no $expand and no assign call', () => {
    expect(assignmentFilter.listQuery).toBe('');
    expect(assignmentFilter.extractReferences(filter(SOURCE))).toEqual([{ kind: 'scopeTag', id: SOURCE.scopeTagId }]);
    const subject = normaliseSubject(assignmentFilter, filter(SOURCE));
    const [create] = assignmentFilter.createRequests(subject.payload, sourceToTarget);
    expect(create).toMatchObject({ method: 'POST', path: '/beta/deviceManagement/assignmentFilters' });
    expect((create!.body as GraphJson).roleScopeTags).toEqual(['0', TARGET.scopeTagId]);
    expect(assignmentFilter.updateRequests(TARGET.filterId, subject.payload, sourceToTarget)[0]).toMatchObject({ method: 'PATCH', path: `/beta/deviceManagement/assignmentFilters/${TARGET.filterId}` });
    expect(assignmentFilter.assignRequest(TARGET.filterId, [], sourceToTarget)).toBeUndefined();
  });

  it('a filter for another platform is another kind (platform cannot change on an existing filter)', () => {
    expect(assignmentFilter.kindKey(filter(SOURCE))).not.toBe(assignmentFilter.kindKey({ ...filter(SOURCE), platform: 'iOS' }));
  });
});

describe('named location subject type', () => {
  it('compares ranges and trust in any order, and keeps @odata.type on create and PATCH as Graph requires', () => {
    const subject = normaliseSubject(namedLocation, ipLocation(SOURCE));
    expect(subject.payload).not.toHaveProperty('modifiedDateTime');
    const [create] = namedLocation.createRequests(subject.payload, sourceToTarget);
    expect(create).toMatchObject({ method: 'POST', path: '/v1.0/identity/conditionalAccess/namedLocations', body: { '@odata.type': '#microsoft.graph.ipNamedLocation', isTrusted: true } });
    const [update] = namedLocation.updateRequests(TARGET.locationId, subject.payload, sourceToTarget);
    expect(update).toMatchObject({ method: 'PATCH', path: `/v1.0/identity/conditionalAccess/namedLocations/${TARGET.locationId}`, body: { '@odata.type': '#microsoft.graph.ipNamedLocation' } });
    expect(namedLocation.assignRequest(TARGET.locationId, [], sourceToTarget)).toBeUndefined();
    expect(namedLocation.extractReferences(ipLocation(SOURCE))).toEqual([]);
    const hashed = (ranges?: string[]) => withPortableHashes(namedLocation, normaliseSubject(namedLocation, ipLocation(SOURCE, ranges)), []).contentHash;
    expect(hashed(['2001:db8::/48', '203.0.113.0/24'])).toBe(hashed());
    expect(hashed(['203.0.113.0/24'])).not.toBe(hashed());
  });

  it('an IP location and a country location of the same name are different kinds', () => {
    const country = { '@odata.type': '#microsoft.graph.countryNamedLocation', id: 'c1', displayName: 'Contoso HQ', countriesAndRegions: ['DE', 'AT'], includeUnknownCountriesAndRegions: false, countryLookupMethod: 'clientIpAddress' };
    expect(namedLocation.kindKey(country)).not.toBe(namedLocation.kindKey(ipLocation(SOURCE)));
  });
});
