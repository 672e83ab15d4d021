// The operator's path to a queued run, over the Bot Framework protocol: compare → preflight → execute → confirm.
import type { Db } from 'mongodb';
import { actionsByVerb, factValue } from '../../support/cards';
import { cardOf, type Chat } from '../../support/chat';
import { waitUntil } from './bot-under-test';

/** Terminal run statuses as stored. */
export const TERMINAL = ['succeeded', 'partially_succeeded', 'failed'];

/** The cards of compare → preflight → confirmation for a pair, as `who` sees them. */
export async function confirmationCard(
  chat: Chat,
  source: string,
  target: string,
  who = 'demo-operator',
): Promise<{ preflight: any; confirm: any; ready: number }> {
  const compare = await chat.card(`compare ${source} to ${target}`, who);
  const preflight = cardOf(await chat.press(actionsByVerb(compare, 'preflight.generate')[0]!, who));
  const ready = Number(factValue(preflight, 'Ready'));
  const confirm = cardOf(await chat.press(actionsByVerb(preflight, 'preflight.execute')[0]!, who));
  return { preflight, confirm, ready };
}

/** Confirms a promotion of every ready subject from `source` to `target`; resolves with the queued run's id. */
export async function confirmPromotionFromChat(
  chat: Chat,
  db: Db,
  source: string,
  target: string,
  who = 'demo-operator',
): Promise<{ runId: string; ready: number }> {
  const { confirm, ready, preflight } = await confirmationCard(chat, source, target, who);
  const before = new Set(
    (
      await db
        .collection('runs')
        .find({}, { projection: { _id: 1 } })
        .toArray()
    ).map((r) => String(r._id)),
  );
  const action = actionsByVerb(confirm, 'promotion.confirm')[0];
  if (!action) throw new Error(`confirming ${source} → ${target} offered no confirmation (${ready} ready): ${JSON.stringify(confirm).slice(0, 300)} after ${JSON.stringify(preflight).slice(0, 3000)}`);
  cardOf(await chat.press(action, who, `run-card-${target}`));
  const run = await db.collection('runs').findOne({ _id: { $nin: [...before] as never[] } });
  if (!run) throw new Error(`confirming ${source} → ${target} created no run`);
  return { runId: String(run._id), ready };
}

/** Waits for a run to reach a terminal status and returns its document. */
export async function waitForTerminalRun(db: Db, runId: string, timeoutMs = 60_000): Promise<Record<string, any>> {
  return waitUntil(
    `run ${runId} to finish`,
    async () => {
      const run = await db.collection('runs').findOne({ _id: runId as never });
      return run && TERMINAL.includes(run.status) ? run : undefined;
    },
    timeoutMs,
    50,
  );
}

/**
 * Undoes a finished run from chat as an operator does: its run card → "Undo this run" → "Undo" → "Confirm". Resolves
 * with the queued undo run's id.
 */
export async function confirmUndoFromChat(chat: Chat, db: Db, runId: string, who = 'demo-operator'): Promise<string> {
  const detail = cardOf(await chat.click('run.open', { runId, page: 1 }, who));
  const offer = actionsByVerb(detail, 'undo.preview')[0];
  if (!offer) throw new Error(`run ${runId} offers no undo: ${JSON.stringify(detail).slice(0, 500)}`);
  const preview = cardOf(await chat.press(offer, who));
  const request = actionsByVerb(preview, 'undo.request')[0];
  if (!request) throw new Error(`the undo preview of run ${runId} offers nothing to undo: ${JSON.stringify(preview).slice(0, 1500)}`);
  const confirm = cardOf(await chat.press(request, who));
  cardOf(await chat.press(actionsByVerb(confirm, 'undo.confirm')[0]!, who, `undo-card-${runId}`));
  const undo = await db.collection('runs').findOne({ undoes: runId });
  if (!undo) throw new Error(`confirming the undo of run ${runId} created no undo run`);
  return String(undo._id);
}
