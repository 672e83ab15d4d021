import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSeed } from '../../../core/access/seed';

const example = join(import.meta.dirname, '../../../core/access/seed.example.yaml');

describe('directory seed file', () => {
  it('reads the documented YAML example', () => {
    const seed = parseSeed(readFileSync(example, 'utf8'), example);
    expect(seed.workspaces[0]).toMatchObject({ id: 'contoso-msp', requireSecondApprover: true });
    expect(seed.workspaces[0]!.tenants[1]!.credentials).toEqual({ clientId: '11111111-2222-4333-8444-555555555555', secretRef: 'CONTOSO_PRODUCTION_GRAPH_SECRET' });
    expect(seed.workspaces[0]!.members[0]!.tenants['Contoso Production']).toEqual(['TENANT_VIEW', 'TENANT_MANAGE']);
  });

  it('reads the same directory from JSON', () => {
    const text = JSON.stringify({ workspaces: [{ id: 'w', name: 'W', tenants: [], members: [] }] });
    expect(parseSeed(text, 'seed.json').workspaces[0]).toMatchObject({ id: 'w', requireSecondApprover: false });
  });

  it('names the problem in a broken or invalid file', () => {
    expect(() => parseSeed('workspaces: [', 'seed.yaml')).toThrow(/not valid YAML/);
    expect(() => parseSeed('{"workspaces":[{"id":"w","name":"W","tenants":[{"id":"not-a-guid","displayName":"X"}],"members":[]}]}', 'seed.json')).toThrow(
      /workspaces\.0\.tenants\.0\.id/,
    );
    expect(() => parseSeed('{"workspaces":[{"id":"w","name":"W","tenants":[],"members":[{"actorId":"a","displayName":"A","workspace":["ROOT"]}]}]}', 'x.json')).toThrow(/invalid/);
  });
});
