import type { Db } from 'mongodb';
import { RunId } from '../ids';
import type { ClaimResult, ItemIntent, ItemJournal, JournalEntry } from '../runs/item-journal';
import type { RunItemResult } from '../runs/model';
import { COLLECTIONS } from './collections';
import { isDuplicateKey } from './mongo-errors';

type EntryDoc = Omit<JournalEntry, 'runId'> & { _id: string; runId: string };

const key = (runId: RunId, index: number) => `${runId}:${index}`;
const toEntry = ({ _id: _ignored, runId, ...rest }: EntryDoc): JournalEntry => ({ ...rest, runId: RunId(runId) });

/**
 * ItemJournal on MongoDB: one document per run item. A claim is one conditional findOneAndUpdate (unclaimed, or
 * claimed with a smaller token and unfinished); every later write names the claimant's token, so it matches nothing
 * once a newer executor has claimed the item.
 */
export class MongoItemJournal implements ItemJournal {
  constructor(private readonly db: Db) {}

  private get entriesCol() { return this.db.collection<EntryDoc>(COLLECTIONS.runJournal); }

  async claim(runId: RunId, index: number, token: number, at: Date): Promise<ClaimResult> {
    try {
      const before = await this.entriesCol.findOneAndUpdate(
        { _id: key(runId, index), token: { $lt: token }, result: { $exists: false } },
        { $set: { runId: String(runId), index, token, claimedAt: at } },
        { upsert: true, returnDocument: 'before' },
      );
      return before ? { kind: 'claimed', previous: toEntry(before) } : { kind: 'claimed' };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const current = await this.entriesCol.findOne({ _id: key(runId, index) });
    if (!current) throw new Error(`journal entry ${key(runId, index)} could be neither claimed nor read`);
    return current.result ? { kind: 'finished', entry: toEntry(current) } : { kind: 'fenced', token: current.token };
  }

  async recordIntent(runId: RunId, index: number, token: number, intent: ItemIntent): Promise<boolean> {
    return this.fenced(runId, index, token, { intent });
  }

  async withdrawIntent(runId: RunId, index: number, token: number): Promise<boolean> {
    const { matchedCount } = await this.entriesCol.updateOne({ _id: key(runId, index), token, result: { $exists: false } }, { $unset: { intent: '' } });
    return matchedCount === 1;
  }

  async recordCreated(runId: RunId, index: number, token: number, createdId: string): Promise<boolean> {
    return this.fenced(runId, index, token, { createdId });
  }

  async finish(runId: RunId, index: number, token: number, result: RunItemResult): Promise<boolean> {
    return this.fenced(runId, index, token, { result });
  }

  async recordAfterImage(runId: RunId, index: number, token: number, after: NonNullable<JournalEntry['after']>): Promise<boolean> {
    // Items finished by an earlier holder (a smaller token) are verified by whoever ends the run.
    const { matchedCount } = await this.entriesCol.updateOne({ _id: key(runId, index), token: { $lte: token } }, { $set: { after } });
    if (matchedCount === 1) return true;
    return (await this.entriesCol.countDocuments({ _id: key(runId, index) })) === 0;
  }

  async entries(runId: RunId): Promise<JournalEntry[]> {
    const docs = await this.entriesCol.find({ runId: String(runId) }).sort({ index: 1 }).toArray();
    return docs.map(toEntry);
  }

  private async fenced(runId: RunId, index: number, token: number, set: Partial<EntryDoc>): Promise<boolean> {
    const { matchedCount } = await this.entriesCol.updateOne({ _id: key(runId, index), token, result: { $exists: false } }, { $set: set });
    return matchedCount === 1;
  }
}
