import { helpCard } from '../../cards/help-card';
import { messageCard } from '../../cards/message-card';
import type { CardAttachment } from '../../cards/render';
import { clip } from '../../cards/text';
import { COMMAND_USAGE, type Command, type CommandName, type ParseResult } from '../commands/grammar';
import type { BotRequest } from '../turn';
import { ADMIN_COMMANDS } from './admin';
import { compareAnswer, parseTypes } from './compare';
import { MAPPING_COMMANDS } from './mappings';
import { tenantNamed } from './tenant-named';
import { tenantsAnswer } from './tenants';
import { UNDO_COMMANDS } from './undo';
import { WATCH_COMMANDS } from './watches';

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
  ...WATCH_COMMANDS,
};

/** Commands this bot answers; help lists exactly these. */
function available(): CommandName[] {
  return (Object.keys(COMMAND_USAGE) as CommandName[]).filter((name) => name === 'help' || HANDLERS[name] !== undefined);
}

/** The help card: every available command with its usage and an example. */
export function help(): CardAttachment {
  return helpCard({ commands: available().map((name) => ({ ...COMMAND_USAGE[name] })) });
}

const showHelp = { title: 'Show help', verb: 'help.show', data: {} } as const;

/** How to type one command: its usage, what it does and an example to copy. */
function usageLines(name: CommandName): string[] {
  const { usage, description, example } = COMMAND_USAGE[name];
  return [`Usage: ${usage}`, description, `Example: ${example}`];
}

/**
 * The answer that needs no actor (so strangers get it too): help, a short "did not understand" with the closest
 * command, or help for a command this bot does not offer. Undefined when the message needs the actor's request.
 */
export function answerWithoutRequest(parsed: ParseResult): CardAttachment | undefined {
  if (parsed.kind === 'unknown') {
    const said = parsed.text === '' ? 'That' : `"${clip(parsed.text, 60)}"`;
    if (parsed.suggestion && available().includes(parsed.suggestion)) {
      return messageCard({ title: `Did you mean "${parsed.suggestion}"?`, text: `${said} is not a command I know.`, tone: 'info', details: usageLines(parsed.suggestion), actions: [showHelp] });
    }
    return messageCard({ title: 'I did not understand that', text: `${said} is not a command I know. Type "help", or press the button, to see what I can do.`, tone: 'info', actions: [showHelp] });
  }
  const name = parsed.kind === 'usage' ? parsed.name : parsed.command.name;
  return name === 'help' || !available().includes(name) ? help() : undefined;
}

/** Answers a parsed message: the command's card, or its usage when misused. */
export async function answerCommand(req: BotRequest, parsed: ParseResult): Promise<CardAttachment | string> {
  const early = answerWithoutRequest(parsed);
  if (early) return early;
  if (parsed.kind === 'usage') {
    return messageCard({ title: 'Not quite', text: parsed.problem, tone: 'warning', details: usageLines(parsed.name), actions: [showHelp] });
  }
  if (parsed.kind === 'unknown') return help();
  const handler = HANDLERS[parsed.command.name] as Handler<Command['name']> | undefined;
  return handler ? handler(req, parsed.command) : help();
}
