import { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { CardAttachment } from '../../cards/render';
import type { CardVerb } from '../../cards/verbs';
import { MAX_WATCH_ROWS, watchesCard, type LastCheckView, type WatchRowView } from '../../cards/watches-card';
import type { Watch, WatchConversation } from '../../core/watches/model';
import { checkWatchNow, createWatch, listWatches, stopWatch, unwatchPair, type VisibleWatch } from '../../core/workflows/manage-watches';
import type { Command } from '../commands/grammar';
import type { BotRequest } from '../turn';
import { PageData, parseActionData } from './action-data';
import { memberNames } from './admin';
import { parseTypes, typesText } from './compare';
import { tenantNamed } from './tenant-named';

type Handler<N extends Command['name']> = (req: BotRequest, command: Extract<Command, { name: N }>) => Promise<CardAttachment>;
type ActionHandler = (req: BotRequest, data: unknown) => Promise<CardAttachment>;

const WatchIdData = z.object({ watchId: z.string().uuid() });
const CONVERSATION_KINDS = { personal: 'personal', groupChat: 'groupChat', channel: 'channel' } as const;

/** The conversation this request came from, as a watch stores it (reference kept as opaque JSON). */
function thisConversation(req: BotRequest): WatchConversation {
  // Without the command's activity id, so each post is a new message in the conversation, not a reply to `watch`.
  const { activityId: _command, ...reference } = TurnContext.getConversationReference(req.turn.activity);
  const type = req.turn.activity.conversation?.conversationType ?? 'personal';
  return {
    id: req.turn.activity.conversation.id,
    kind: CONVERSATION_KINDS[type as keyof typeof CONVERSATION_KINDS] ?? 'personal',
    reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
  };
}

function lastCheckView(watch: Watch): LastCheckView {
  const last = watch.lastCheck;
  if (!last) return { outcome: 'none' };
  return last;
}

async function rowViews(req: BotRequest, watches: VisibleWatch[]): Promise<WatchRowView[]> {
  const name = await memberNames(req);
  const here = req.turn.activity.conversation.id;
  return watches.map(({ watch, source, target }) => {
    const creator = name(watch.createdBy) === watch.createdBy ? 'a former member' : name(watch.createdBy);
    const where = watch.conversation.id === here ? 'this conversation' : watch.conversation.kind === 'channel' ? 'a channel' : watch.conversation.kind === 'groupChat' ? 'a group chat' : `${creator}'s personal chat`;
    return {
      watchId: watch.id,
      sourceName: source.displayName,
      targetName: target.displayName,
      typesText: typesText(watch.types),
      includeAssignments: watch.includeAssignments,
      intervalHours: watch.intervalHours,
      whereText: where,
      createdByName: creator,
      lastCheck: lastCheckView(watch),
      ...(watch.status === 'paused' ? { pausedReason: watch.pausedReason ?? 'Paused.' } : {}),
    };
  });
}

/** The `watches` card at `page`, with `intro` saying what just happened (or what the list is). */
async function watchesAnswer(req: BotRequest, page: number, intro = `Drift watches of ${req.ctx.workspace.name} whose tenants you can see.`): Promise<CardAttachment> {
  const watches = await listWatches(req.deps, req.ctx);
  const pageCount = Math.max(1, Math.ceil(watches.length / MAX_WATCH_ROWS));
  const current = Math.min(Math.max(1, page), pageCount);
  const shown = watches.slice((current - 1) * MAX_WATCH_ROWS, current * MAX_WATCH_ROWS);
  return watchesCard({ title: 'Drift watches', intro, rows: await rowViews(req, shown), page: { page: current, pageCount } });
}

const pairText = (v: VisibleWatch) => `${v.source.displayName} → ${v.target.displayName}`;

/** `watch`, `watches` and `unwatch`. */
export const WATCH_COMMANDS: { [N in 'watch' | 'watches' | 'unwatch']: Handler<N> } = {
  watch: async (req, c) => {
    const source = tenantNamed(req.ctx, c.source);
    const target = tenantNamed(req.ctx, c.target);
    const created = await createWatch(req.deps, req.ctx, {
      sourceTenantId: source.id,
      targetTenantId: target.id,
      types: parseTypes(c.types),
      includeAssignments: c.includeAssignments,
      intervalHours: c.intervalHours,
      conversation: thisConversation(req),
    });
    return watchesCard({
      title: 'Drift watch created',
      intro: "The first check runs within a minute and posts today's differences here. After that, this conversation hears only about changes.",
      rows: await rowViews(req, [created]),
      page: { page: 1, pageCount: 1 },
    });
  },
  watches: (req, c) => watchesAnswer(req, c.page),
  unwatch: async (req, c) => {
    const stopped = await unwatchPair(req.deps, req.ctx, { sourceTenantId: tenantNamed(req.ctx, c.source).id, targetTenantId: tenantNamed(req.ctx, c.target).id }, req.turn.activity.conversation.id);
    return watchesAnswer(req, 1, `Stopped watching ${pairText(stopped)} here.`);
  },
};

/** `Check now` and `Stop` on a watch row, and the list's paging. */
export const WATCH_ACTIONS: Partial<Record<CardVerb, ActionHandler>> = {
  'watch.check': async (req, data) => {
    const queued = await checkWatchNow(req.deps, req.ctx, parseActionData(WatchIdData, data).watchId);
    return watchesAnswer(req, 1, `Check of ${pairText(queued)} queued: it posts in its conversation if anything changed since its last post.`);
  },
  'watch.stop': async (req, data) => {
    const stopped = await stopWatch(req.deps, req.ctx, parseActionData(WatchIdData, data).watchId);
    return watchesAnswer(req, 1, `Stopped watching ${pairText(stopped)}.`);
  },
  'watches.page': (req, data) => watchesAnswer(req, parseActionData(z.object({ page: PageData }), data).page),
};
