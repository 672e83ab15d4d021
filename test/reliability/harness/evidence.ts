// Everything a scenario's system produced that a secret could leak into: log lines, stored documents and cards.
import type { Db } from 'mongodb';
import { Chat, type ActionAnswer } from '../../support/chat';
import type { FakeChannel } from '../../support/fake-channel';

/** Texts to scan, by where they came from. */
export interface Evidence {
  logs: string[];
  documents: string[];
  cards: string[];
}

/** An empty evidence bag. */
export function emptyEvidence(): Evidence {
  return { logs: [], documents: [], cards: [] };
}

/** Every document of every collection of the database, as JSON. */
export async function dumpDatabase(db: Db): Promise<string[]> {
  const collections = await db.listCollections({}, { nameOnly: true }).toArray();
  const dumps = await Promise.all(
    collections.map(async ({ name }) => (await db.collection(name).find({}).toArray()).map((d) => `${name}: ${JSON.stringify(d)}`)),
  );
  return dumps.flat();
}

/** Every activity the bot sent to the channel (replies, proactive messages, card updates), as JSON. */
export function channelActivities(channel: FakeChannel): string[] {
  return channel.captured.map((c) => JSON.stringify(c.activity));
}

/** A Chat that also keeps every card action answer (the cards that replace the clicked ones). */
export class RecordingChat extends Chat {
  readonly answers: string[] = [];

  override async click(verb: string, data: unknown, who?: Parameters<Chat['click']>[2], replyToId?: string): Promise<ActionAnswer> {
    const answer = await super.click(verb, data, who, replyToId);
    this.answers.push(JSON.stringify(answer));
    return answer;
  }
}
