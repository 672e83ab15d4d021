import { describe, expect, it } from 'vitest';
import { InvalidInput } from '../../../core/errors';
import { findReferenceObject } from '../../../core/mappings/find-reference-object';
import type { ReferenceObject } from '../../../core/subjects/references';

const objects: ReferenceObject[] = [
  { kind: 'group', id: 'AB-1', displayName: 'Finance  Laptops' },
  { kind: 'group', id: 'g-2', displayName: 'Shared' },
  { kind: 'group', id: 'g-3', displayName: 'shared' },
  { kind: 'scopeTag', id: '2', displayName: 'Retail Stores' },
];
const scope = { tenantName: 'Contoso Production' };
const refused = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInput);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('finding the reference object an operator named', () => {
  it('finds by name as compare normalises it (case, spacing) and by id', () => {
    expect(findReferenceObject(objects, 'group', { name: ' finance laptops ' }, scope).id).toBe('AB-1');
    expect(findReferenceObject(objects, 'group', { id: 'ab-1' }, scope).displayName).toBe('Finance  Laptops');
    expect(findReferenceObject(objects, 'scopeTag', { id: '2' }, scope).displayName).toBe('Retail Stores');
  });

  it('never picks the first of several objects sharing a name', () => {
    expect(refused(() => findReferenceObject(objects, 'group', { name: 'SHARED' }, scope))).toBe(
      '2 groups in Contoso Production are named "SHARED", so the name does not say which one is meant. Rename them, or use Map on the preflight card to choose one.',
    );
  });

  it('names the kind and the name it could not find, and looks only at that kind', () => {
    expect(refused(() => findReferenceObject(objects, 'group', { name: 'Retail Stores' }, scope))).toContain('No group named "Retail Stores" is in the inventory of Contoso Production');
    expect(refused(() => findReferenceObject(objects, 'assignmentFilter', { id: 'g-2' }, scope))).toContain('No assignment filter with id g-2');
  });
});
