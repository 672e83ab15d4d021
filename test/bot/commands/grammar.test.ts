import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../bot/commands/grammar';

describe('command grammar', () => {
  it('reads a compare with quoted names, types and without assignments', () => {
    expect(parseCommand('compare "Contoso Staging" to Contoso Production types settings,compliance without assignments')).toEqual({
      kind: 'command',
      command: { name: 'compare', source: 'Contoso Staging', target: 'Contoso Production', types: ['settings', 'compliance'], includeAssignments: false },
    });
  });

  it('reads a plain compare with assignments included by default', () => {
    const parsed = parseCommand('Compare contoso staging with contoso production');
    expect(parsed).toMatchObject({ kind: 'command', command: { name: 'compare', source: 'contoso staging', target: 'contoso production', types: [], includeAssignments: true } });
  });

  it('answers a misused known command with its usage instead of guessing', () => {
    expect(parseCommand('compare Contoso Staging')).toMatchObject({ kind: 'usage', name: 'compare' });
    expect(parseCommand('runs page zero')).toMatchObject({ kind: 'usage', name: 'runs' });
    expect(parseCommand('runs status exploded')).toMatchObject({ kind: 'usage', name: 'runs' });
  });

  it('refuses over-long arguments rather than processing them', () => {
    const parsed = parseCommand(`sync ${'x'.repeat(500)}`);
    expect(parsed).toMatchObject({ kind: 'usage', name: 'sync' });
  });

  it('reads runs filters, run ids, audit pages and the pause reason', () => {
    expect(parseCommand('runs for Contoso Production status failed page 2')).toMatchObject({ kind: 'command', command: { name: 'runs', tenant: 'Contoso Production', status: 'failed', page: 2 } });
    expect(parseCommand('run 6f1c2d3e-aaaa-bbbb-cccc-1234567890ab')).toMatchObject({ kind: 'command', command: { name: 'run' } });
    expect(parseCommand('run {"$gt":""}')).toMatchObject({ kind: 'usage', name: 'run' });
    expect(parseCommand('audit page 3')).toMatchObject({ kind: 'command', command: { name: 'audit', page: 3 } });
    expect(parseCommand('pause promotions change freeze until Monday')).toMatchObject({ kind: 'command', command: { name: 'pause', reason: 'change freeze until Monday' } });
  });

  it('treats anything else as unknown so the bot can answer with help', () => {
    expect(parseCommand('hello there')).toMatchObject({ kind: 'unknown' });
    expect(parseCommand('')).toMatchObject({ kind: 'unknown' });
  });

  it('reads a watch with types, without assignments and an interval, daily by default', () => {
    expect(parseCommand('watch "Contoso Staging" to Contoso Production types compliance,settings without assignments every 6 hours')).toEqual({
      kind: 'command',
      command: { name: 'watch', source: 'Contoso Staging', target: 'Contoso Production', types: ['compliance', 'settings'], includeAssignments: false, intervalHours: 6 },
    });
    expect(parseCommand('watch Contoso Staging to Contoso Production')).toMatchObject({ kind: 'command', command: { target: 'Contoso Production', types: [], includeAssignments: true, intervalHours: 24 } });
    expect(parseCommand('Watch Contoso Staging to Contoso Production daily')).toMatchObject({ kind: 'command', command: { target: 'Contoso Production', intervalHours: 24 } });
    expect(parseCommand('watch Contoso Staging to Contoso Production every 1 hour')).toMatchObject({ kind: 'command', command: { target: 'Contoso Production', intervalHours: 1 } });
  });

  it('refuses a watch interval outside 1 to 168 whole hours, saying why', () => {
    expect(parseCommand('watch Contoso Staging to Contoso Production every 0 hours')).toEqual({ kind: 'usage', name: 'watch', problem: 'A watch checks at most every hour.' });
    expect(parseCommand('watch Contoso Staging to Contoso Production every 500 hours')).toEqual({ kind: 'usage', name: 'watch', problem: 'A watch checks at least once a week (every 168 hours).' });
    expect(parseCommand('watch Contoso Staging to Contoso Production every 1.5 hours')).toEqual({ kind: 'usage', name: 'watch', problem: 'The interval must be a whole number of hours.' });
    expect(parseCommand('watch Contoso Staging')).toMatchObject({ kind: 'usage', name: 'watch' });
  });

  it('reads watches (with a page) and unwatch', () => {
    expect(parseCommand('watches')).toEqual({ kind: 'command', command: { name: 'watches', page: 1 } });
    expect(parseCommand('watches page 2')).toEqual({ kind: 'command', command: { name: 'watches', page: 2 } });
    expect(parseCommand('unwatch Contoso Staging to "Contoso Production"')).toEqual({ kind: 'command', command: { name: 'unwatch', source: 'Contoso Staging', target: 'Contoso Production' } });
    expect(parseCommand('unwatch everything')).toMatchObject({ kind: 'usage', name: 'unwatch' });
  });

  it('reads the two-word kinds the help names: scope tag, named location, assignment filter', () => {
    expect(parseCommand('map scope tag "Retail Stores" to "Manufacturing" for Contoso Staging to Contoso Production')).toEqual({
      kind: 'command',
      command: { name: 'map', kind: 'scopeTag', sourceName: 'Retail Stores', targetName: 'Manufacturing', source: 'Contoso Staging', target: 'Contoso Production' },
    });
    expect(parseCommand('map named location HQ to "Contoso HQ" for A to B')).toMatchObject({ kind: 'command', command: { kind: 'namedLocation', sourceName: 'HQ' } });
    expect(parseCommand('map Assignment  Filter "Kiosk" to "Kiosks" for A to B')).toMatchObject({ kind: 'command', command: { kind: 'assignmentFilter', sourceName: 'Kiosk' } });
    expect(parseCommand('unmap scope tag "Retail Stores" for A to B')).toMatchObject({ kind: 'command', command: { name: 'unmap', kind: 'scopeTag', sourceName: 'Retail Stores' } });
  });

  it('reads the arrow the cards use, and "->", as "to"', () => {
    const expected = { kind: 'command', command: { name: 'compare', source: 'Contoso Staging', target: 'Contoso Production' } };
    expect(parseCommand('compare Contoso Staging → Contoso Production')).toMatchObject(expected);
    expect(parseCommand('compare Contoso Staging->Contoso Production')).toMatchObject(expected);
    expect(parseCommand('mappings Contoso Staging → Contoso Production')).toMatchObject({ kind: 'command', command: { name: 'mappings', target: 'Contoso Production' } });
  });

  it('suggests the command a typo most likely meant, and nothing for text that is not close to one', () => {
    expect(parseCommand('comapre Contoso Staging to Contoso Production')).toMatchObject({ kind: 'unknown', suggestion: 'compare' });
    expect(parseCommand('tenant')).toMatchObject({ kind: 'unknown', suggestion: 'tenants' });
    expect(parseCommand('mapings A to B')).toMatchObject({ kind: 'unknown', suggestion: 'mappings' });
    expect(parseCommand('hello there')).not.toHaveProperty('suggestion');
    expect(parseCommand('👍')).not.toHaveProperty('suggestion');
    expect(parseCommand('ok')).not.toHaveProperty('suggestion');
  });

  it('explains a wrong status or kind in words, never with the validator\'s codes', () => {
    const status = parseCommand('runs status exploded');
    expect(status).toEqual({ kind: 'usage', name: 'runs', problem: '"exploded" is not a run status; use queued, running, succeeded, partially-succeeded, failed.' });
    expect(parseCommand('runs status partially-succeeded')).toMatchObject({ kind: 'command', command: { status: 'partially_succeeded' } });
    const kind = parseCommand('map widget "A" to "B" for X to Y');
    expect(kind).toMatchObject({ kind: 'usage', name: 'map' });
    expect(JSON.stringify(kind)).not.toMatch(/scopeTag|assignmentFilter|namedLocation|Invalid enum|Expected/);
  });
});
