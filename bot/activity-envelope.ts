import { z } from 'zod';

const text = (max: number) => z.string().max(max).nullish();

const Account = z.object({ id: z.string().min(1).max(512), name: text(512), aadObjectId: text(128) }).passthrough();

/**
 * The parts of a Bot Framework activity that every turn relies on (routing, state keys, the reply address, the
 * actor), with their types. Teams, the Emulator and Agents Playground always send them; a request without them is
 * refused with 400 before it reaches the adapter, so malformed input is never a server error.
 */
export const ActivityEnvelope = z
  .object({
    type: z.string().min(1).max(64),
    id: text(512),
    name: text(256),
    channelId: z.string().min(1).max(64),
    serviceUrl: z.string().url().max(2048),
    from: Account,
    recipient: Account,
    conversation: z.object({ id: z.string().min(1).max(1024) }).passthrough(),
    text: z
      .string()
      .max(512 * 1024)
      .nullish(),
    replyToId: text(512),
  })
  .passthrough();

/** True when the request body is an activity the bot can process. */
export function isWellFormedActivity(body: unknown): boolean {
  return ActivityEnvelope.safeParse(body).success;
}
