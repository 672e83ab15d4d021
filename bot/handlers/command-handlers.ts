import { helpCard } from '../../cards/help-card';
import { messageCard } from '../../cards/message-card';
import type { CardAttachment } from '../../cards/render';
import { COMMAND_USAGE, type Command, type CommandName, type ParseResult } from '../commands/grammar';
import type { BotRequest } from '../turn';
import { ADMIN_COMMANDS } from './admin';
import { compareAnswer, parseTypes } from './compare';
import { MAPPING_COMMANDS } from './mappings';
import { tenantNamed } from './tenant-named';
import { tenantsAnswer } from './tenants';
import { UNDO_COMMANDS } from './undo';

type Handler<N extends Command['name']> = (req: BotRequest, command: Extract<Command, { name: N }>) => Promise<CardAttachment | string>;
type HandlerTable = { [N in Command['name']]?: Handler<N> };

const HANDLERS: HandlerTable = {
  compare: (req, c) => {
    const source = tenantNamed(req.ctx, c.source);
    const target = tenantNamed(req.ctx, c.target);
    return compareAnswer(req, { sourceTenantId: source.id, targetTenantId: target.id, types: parseTypes(c.types), includeAssignments: c.includeAssignments }, 1);
  },
  tenants: (req, c) => tenantsAnswer(req, c.filter, 1),
  ...ADMIN_COMMANDS,
  ...MAPPING_COMMANDS,
  ...UNDO_COMMANDS,
};

/** Commands this bot answers; help lists exactly these. */
function available(): CommandName[] {
  return (Object.keys(COMMAND_USAGE) as CommandName[]).filter((name) => name === 'help' || HANDLERS[name] !== undefined);
}

/** The help card: every available command with its usage. */
export function help(): CardAttachment {
  return helpCard({ commands: available().map((name) => ({ usage: COMMAND_USAGE[name].usage, description: COMMAND_USAGE[name].description })) });
}

/** Whether a parse result needs nothing but the help card (so strangers get help too). */
export function needsOnlyHelp(parsed: ParseResult): boolean {
  if (parsed.kind === 'unknown') return true;
  const name = parsed.kind === 'usage' ? parsed.name : parsed.command.name;
  return name === 'help' || !available().includes(name);
}

/** Answers a parsed message: the command's card, its usage when misused, help for anything else. */
export async function answerCommand(req: BotRequest, parsed: ParseResult): Promise<CardAttachment | string> {
  if (parsed.kind === 'usage') {
    return messageCard({ title: 'Not quite', text: parsed.problem, tone: 'warning', details: [`Usage: ${COMMAND_USAGE[parsed.name].usage}`, COMMAND_USAGE[parsed.name].description] });
  }
  if (parsed.kind === 'unknown') return help();
  const handler = HANDLERS[parsed.command.name] as Handler<Command['name']> | undefined;
  return handler ? handler(req, parsed.command) : help();
}
