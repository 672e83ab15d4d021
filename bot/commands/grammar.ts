import { z } from 'zod';
import { RUN_STATUSES, type RunStatus } from '../../core/runs/model';
import { REFERENCE_KINDS, type ReferenceKind } from '../../core/subjects/references';
import { closestCommand } from './closest-command';

/**
 * Every command the bot understands: its usage, what it does and one example to copy. Arguments are written
 * «like this» because Teams strips anything that looks like an HTML tag (`<source>`) from card text.
 */
export const COMMAND_USAGE = {
  help: { usage: 'help', description: 'Show the commands.', example: 'help' },
  compare: { usage: 'compare «source» to «target» [types «type, …»] [without assignments]', description: 'Compare two tenants and prepare a promotion preflight.', example: 'compare Contoso Staging to Contoso Production' },
  tenants: { usage: 'tenants [«filter»]', description: 'List the tenants you can see, with snapshot freshness and last run.', example: 'tenants contoso' },
  runs: { usage: 'runs [for «tenant»] [status «status»] [page «n»]', description: 'Recent promotion runs, with their short ids.', example: 'runs for Contoso Production status failed' },
  run: { usage: 'run «run id»', description: 'One promotion run in detail; the first 6 characters of its id are enough.', example: 'run 3f9c2a' },
  undo: { usage: 'undo run «run id»', description: 'Preview undoing a finished promotion run (what is deleted, restored or left), then undo it.', example: 'undo run 3f9c2a' },
  audit: { usage: 'audit [page «n»]', description: 'Recent audit events of the workspace (admins).', example: 'audit page 2' },
  pause: { usage: 'pause promotions [«reason»]', description: 'Stop new promotion runs from starting (admins).', example: 'pause promotions change freeze until Monday' },
  resume: { usage: 'resume promotions', description: 'Allow promotion runs again (admins).', example: 'resume promotions' },
  sync: { usage: 'sync «tenant»', description: 'Refresh a tenant\'s inventory snapshot now.', example: 'sync Contoso Production' },
  map: { usage: 'map «kind» "«source name»" to "«target name»" for «source» to «target»', description: 'Map a group, scope tag, filter, named location or auth strength to its counterpart in the target.', example: 'map group "Finance Laptops" to "Finance Devices" for Contoso Staging to Contoso Production' },
  mappings: { usage: 'mappings «source» to «target»', description: 'List the mappings of a tenant pair.', example: 'mappings Contoso Staging to Contoso Production' },
  unmap: { usage: 'unmap «kind» "«source name»" for «source» to «target»', description: 'Remove a mapping.', example: 'unmap group "Finance Laptops" for Contoso Staging to Contoso Production' },
  watch: { usage: 'watch «source» to «target» [types «type, …»] [without assignments] [every «n» hours | daily]', description: 'Post here whenever the target drifts from the source (checked daily unless you say otherwise).', example: 'watch Contoso Staging to Contoso Production every 12 hours' },
  watches: { usage: 'watches', description: 'The drift watches you can see, with Check now and Stop.', example: 'watches' },
  unwatch: { usage: 'unwatch «source» to «target»', description: 'Stop the drift watch of that pair in this conversation.', example: 'unwatch Contoso Staging to Contoso Production' },
} as const;
export type CommandName = keyof typeof COMMAND_USAGE;

/** A parsed chat command. */
export type Command =
  | { name: 'help' }
  | { name: 'compare'; source: string; target: string; types: string[]; includeAssignments: boolean }
  | { name: 'tenants'; filter: string }
  | { name: 'runs'; tenant?: string; status?: RunStatus; page: number }
  | { name: 'run'; runId: string }
  | { name: 'undo'; runId: string }
  | { name: 'audit'; page: number }
  | { name: 'pause'; reason: string }
  | { name: 'resume' }
  | { name: 'sync'; tenant: string }
  | { name: 'map'; kind: ReferenceKind; sourceName: string; targetName: string; source: string; target: string }
  | { name: 'mappings'; source: string; target: string }
  | { name: 'unmap'; kind: ReferenceKind; sourceName: string; source: string; target: string }
  | { name: 'watch'; source: string; target: string; types: string[]; includeAssignments: boolean; intervalHours: number }
  | { name: 'watches'; page: number }
  | { name: 'unwatch'; source: string; target: string };

/** What parsing a message produced: a command, a known command used wrongly, or nothing we know. */
export type ParseResult =
  | { kind: 'command'; command: Command }
  | { kind: 'usage'; name: CommandName; problem: string }
  | { kind: 'unknown'; text: string; suggestion?: CommandName };

/** Longest text accepted for any one argument; longer input is refused rather than processed. */
const MAX_ARGUMENT = 120;
const name = z.string().trim().min(1).max(MAX_ARGUMENT).transform(unquote);
const page = z.coerce.number().int().min(1).max(10_000);
const kindAliases: Record<string, ReferenceKind> = {
  group: 'group', groups: 'group',
  scopetag: 'scopeTag', 'scope-tag': 'scopeTag', tag: 'scopeTag',
  filter: 'assignmentFilter', assignmentfilter: 'assignmentFilter',
  location: 'namedLocation', namedlocation: 'namedLocation', 'named-location': 'namedLocation',
  notificationtemplate: 'notificationTemplate',
  authenticationstrength: 'authenticationStrength', authstrength: 'authenticationStrength', 'auth-strength': 'authenticationStrength',
};
/** A kind as the help spells it: one word, or two (`scope tag`, `named location`, `assignment filter`). */
const KIND = '((?:scope|named|assignment|notification)\\s+(?:tag|location|filter|template)|\\S+)';
const kind = z.string().transform((k, ctx) => {
  const found = kindAliases[k.toLowerCase().replace(/\s+/g, '')] ?? REFERENCE_KINDS.find((r) => r.toLowerCase() === k.toLowerCase());
  if (!found) ctx.addIssue({ code: 'custom', message: `"${k}" is not a kind that can be mapped; use group, scope tag, filter, named location or auth strength` });
  return found as ReferenceKind;
});

/** A run status as people type it (`failed`, `partially-succeeded`, `Partially_Succeeded`). */
const status = z.string().transform((typed, ctx) => {
  const found = RUN_STATUSES.find((s) => s === typed.toLowerCase().replace(/-/g, '_'));
  if (!found) ctx.addIssue({ code: 'custom', message: `"${typed}" is not a run status; use ${RUN_STATUSES.map((s) => s.replace(/_/g, '-')).join(', ')}` });
  return found as RunStatus;
});
/** Hours between two checks of a watch: a whole number from 1 to 168 (a week). */
const intervalHours = z.string().transform((typed, ctx) => {
  const hours = Number(typed);
  if (!Number.isInteger(hours)) ctx.addIssue({ code: 'custom', message: 'the interval must be a whole number of hours' });
  else if (hours < 1) ctx.addIssue({ code: 'custom', message: 'a watch checks at most every hour' });
  else if (hours > 168) ctx.addIssue({ code: 'custom', message: 'a watch checks at least once a week (every 168 hours)' });
  return hours;
});

function unquote(s: string): string {
  return s.trim().replace(/^["'“”‘’](.*)["'“”‘’]$/s, '$1').trim();
}

type Rule = { name: CommandName; pattern: RegExp; build: (m: RegExpMatchArray) => Command };

/** Patterns are anchored and tried in order; the first keyword decides which usage a failure shows. */
const RULES: Rule[] = [
  { name: 'help', pattern: /^(help|\?|commands)$/i, build: () => ({ name: 'help' }) },
  {
    name: 'compare',
    pattern: /^compare\s+(.+?)\s+(?:to|with|against)\s+(.+?)(?:\s+types?\s+([\w\s,-]+?))?(\s+without\s+assignments)?$/i,
    build: (m) => ({
      name: 'compare',
      source: name.parse(m[1]),
      target: name.parse(m[2]),
      types: (m[3] ?? '').split(/[\s,]+/).filter(Boolean).slice(0, 20),
      includeAssignments: !m[4],
    }),
  },
  { name: 'tenants', pattern: /^tenants(?:\s+(.*))?$/i, build: (m) => ({ name: 'tenants', filter: z.string().max(MAX_ARGUMENT).parse((m[1] ?? '').trim()) }) },
  {
    name: 'runs',
    pattern: /^runs(?:\s+for\s+(.+?))?(?:\s+status\s+(\S+))?(?:\s+page\s+(\S+))?$/i,
    build: (m) => ({
      name: 'runs',
      ...(m[1] ? { tenant: name.parse(m[1]) } : {}),
      ...(m[2] ? { status: status.parse(m[2]) } : {}),
      page: page.parse(m[3] ?? 1),
    }),
  },
  { name: 'run', pattern: /^run\s+(\S+)$/i, build: (m) => ({ name: 'run', runId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/).parse(m[1]) }) },
  { name: 'undo', pattern: /^undo\s+run\s+(\S+)$/i, build: (m) => ({ name: 'undo', runId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/).parse(m[1]) }) },
  { name: 'audit', pattern: /^audit(?:\s+page\s+(\S+))?$/i, build: (m) => ({ name: 'audit', page: page.parse(m[1] ?? 1) }) },
  { name: 'pause', pattern: /^pause\s+promotions?(?:\s+(.*))?$/i, build: (m) => ({ name: 'pause', reason: z.string().max(200).parse((m[1] ?? '').trim()) }) },
  { name: 'resume', pattern: /^resume\s+promotions?$/i, build: () => ({ name: 'resume' }) },
  { name: 'sync', pattern: /^sync\s+(.+)$/i, build: (m) => ({ name: 'sync', tenant: name.parse(m[1]) }) },
  {
    name: 'map',
    pattern: new RegExp(`^map\\s+${KIND}\\s+("[^"]+"|\\S+)\\s+to\\s+("[^"]+"|\\S+)\\s+for\\s+(.+?)\\s+to\\s+(.+)$`, 'i'),
    build: (m) => ({ name: 'map', kind: kind.parse(m[1]), sourceName: name.parse(m[2]), targetName: name.parse(m[3]), source: name.parse(m[4]), target: name.parse(m[5]) }),
  },
  { name: 'mappings', pattern: /^mappings\s+(.+?)\s+to\s+(.+)$/i, build: (m) => ({ name: 'mappings', source: name.parse(m[1]), target: name.parse(m[2]) }) },
  {
    name: 'watch',
    pattern: /^watch\s+(.+?)\s+(?:to|with|against)\s+(.+?)(?:\s+types?\s+([\w\s,-]+?))?(\s+without\s+assignments)?(?:\s+every\s+(\S+)\s+hours?|\s+(daily|every\s+day))?$/i,
    build: (m) => ({
      name: 'watch',
      source: name.parse(m[1]),
      target: name.parse(m[2]),
      types: (m[3] ?? '').split(/[\s,]+/).filter(Boolean).slice(0, 20),
      includeAssignments: !m[4],
      intervalHours: m[5] ? intervalHours.parse(m[5]) : 24,
    }),
  },
  { name: 'watches', pattern: /^watches(?:\s+page\s+(\S+))?$/i, build: (m) => ({ name: 'watches', page: page.parse(m[1] ?? 1) }) },
  { name: 'unwatch', pattern: /^unwatch\s+(.+?)\s+(?:to|with|against)\s+(.+)$/i, build: (m) => ({ name: 'unwatch', source: name.parse(m[1]), target: name.parse(m[2]) }) },
  {
    name: 'unmap',
    pattern: new RegExp(`^unmap\\s+${KIND}\\s+("[^"]+"|\\S+)\\s+for\\s+(.+?)\\s+to\\s+(.+)$`, 'i'),
    build: (m) => ({ name: 'unmap', kind: kind.parse(m[1]), sourceName: name.parse(m[2]), source: name.parse(m[3]), target: name.parse(m[4]) }),
  },
];

/** Parses one message (mention already removed). Never throws. */
export function parseCommand(raw: string): ParseResult {
  // The cards write "Source → Target"; a copied arrow (or a typed "->") reads as "to".
  const text = raw.replace(/\s+/g, ' ').trim().replace(/\s*(?:→|->)\s*/g, ' to ');
  const keyword = text.split(' ')[0]?.toLowerCase() ?? '';
  for (const rule of RULES) {
    const match = text.match(rule.pattern);
    if (!match) continue;
    try {
      return { kind: 'command', command: rule.build(match) };
    } catch (error) {
      return { kind: 'usage', name: rule.name, problem: describe(error) };
    }
  }
  const known = (Object.keys(COMMAND_USAGE) as CommandName[]).find((c) => c === keyword);
  if (known) return { kind: 'usage', name: known, problem: 'The arguments are not in the expected form.' };
  const suggestion = closestCommand(keyword, Object.keys(COMMAND_USAGE) as CommandName[]);
  return { kind: 'unknown', text: text.slice(0, MAX_ARGUMENT), ...(suggestion ? { suggestion } : {}) };
}

function describe(error: unknown): string {
  if (error instanceof z.ZodError) {
    const issue = error.issues[0];
    if (issue?.code === 'too_big') return `An argument is too long (at most ${MAX_ARGUMENT} characters).`;
    if (issue?.code === 'custom') return `${issue.message[0]!.toUpperCase()}${issue.message.slice(1)}.`;
    return 'The arguments are not in the expected form.';
  }
  return 'The arguments are not in the expected form.';
}
