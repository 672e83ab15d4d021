import { GraphPermissionMissing, GraphRequestFailed } from '../errors';
import type { InventorySubject } from '../inventory/model';
import { secretDetail } from '../preflight/secret-text';
import { withSecretValues } from '../subjects/secrets';
import type { GraphJson, SubjectType } from '../subjects/subject-type';
import type { ItemContext } from './item-writes';

/** The payload a write sends: the source's as read, or with its secret values read in clear, or why they could not be. */
export type WritePayload = { kind: 'as_read' } | { kind: 'with_secrets'; payload: GraphJson } | { kind: 'unreadable'; reason: string };

/**
 * Reads the plain value of every secret of the live source subject through its type's documented read (an encrypted
 * OMA-URI value through getOmaSettingPlainTextValue), from the source tenant, right before the write that needs it.
 * The values go into the write body only: never into the journal (it keeps request paths, not bodies), a log line, a
 * card or the run's before- and after-images, which hold redacted payloads. One value Graph does not return makes the
 * item unwritable, with what to recreate by hand.
 */
export async function writePayload(ctx: ItemContext, type: SubjectType, source: InventorySubject): Promise<WritePayload> {
  if (source.secretPaths.length === 0) return { kind: 'as_read' };
  const values = new Map<string, string>();
  let permission: string | undefined;
  if (type.secretReads) {
    const raw = (await ctx.graph.request(ctx.source, { method: 'GET', path: `${type.collectionPath}/${encodeURIComponent(source.graphId)}` })).body as GraphJson;
    for (const read of type.secretReads(raw).filter((r) => source.secretPaths.includes(r.path))) {
      try {
        const value = ((await ctx.graph.request(ctx.source, read.request)).body as GraphJson | undefined)?.value;
        if (typeof value === 'string') values.set(read.path, value);
      } catch (error) {
        if (error instanceof GraphPermissionMissing) permission = error.permissionHint;
        else if (!(error instanceof GraphRequestFailed)) throw error;
        ctx.logger.warn('run.secret_unreadable', { subject: source.displayName, path: read.path, code: error.code });
      }
    }
  }
  const missing = source.secretPaths.filter((path) => !values.has(path));
  if (missing.length > 0) {
    return {
      kind: 'unreadable',
      reason: `Microsoft Graph did not return the plain value from ${ctx.source.displayName}${permission ? ` (reading it needs ${permission} there)` : ''}. ${secretDetail(source.payload, missing)}`,
    };
  }
  return { kind: 'with_secrets', payload: withSecretValues(source.payload, values) };
}
