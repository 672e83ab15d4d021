import type { ActorId, WorkspaceId } from '../ids';

/**
 * A Bot Framework conversation reference kept as opaque JSON: core never interprets it,
 * the bot's notifier uses it to post proactively.
 */
export interface StoredConversation {
  conversationId: string;
  workspaceId: WorkspaceId;
  reference: Record<string, unknown>;
  lastActorId: ActorId;
  updatedAt: Date;
}

/** Conversation references, saved when a command arrives. */
export interface ConversationStore {
  save(conversation: StoredConversation): Promise<void>;
  /** The reference, or undefined when the bot never heard from that conversation in that workspace. */
  get(workspaceId: WorkspaceId, conversationId: string): Promise<StoredConversation | undefined>;
}
