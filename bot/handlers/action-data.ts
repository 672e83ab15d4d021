import { z } from 'zod';
import { InvalidInput } from '../../core/errors';
import { REFERENCE_KINDS } from '../../core/subjects/references';
import { SUBJECT_TYPE_KEYS } from '../../core/subjects/subject-type';

/** Tenant ids in card data: GUID-shaped strings only, so operators like `{"$gt": ""}` never reach a query. */
export const TenantIdData = z.string().regex(/^[0-9a-fA-F-]{36}$/);
export const SelectionData = z.object({
  sourceTenantId: TenantIdData,
  targetTenantId: TenantIdData,
  types: z.array(z.enum(SUBJECT_TYPE_KEYS)).max(SUBJECT_TYPE_KEYS.length),
  includeAssignments: z.boolean(),
});
/** Ids of groups, filters, locations (GUIDs) or scope tags (small numbers): nothing else reaches a lookup. */
export const ReferenceIdData = z.union([z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/), z.string().regex(/^\d{1,10}$/)]);
/** A reference kind in card data: one of REFERENCE_KINDS, nothing else. */
export const ReferenceKindData = z.enum(REFERENCE_KINDS);
export const Fingerprint = z.string().regex(/^[0-9a-f]{16,128}$/);
export const PageData = z.coerce.number().int().min(1).max(10_000);
export const RegistryData = z.object({ filter: z.string().max(120), page: PageData });

/** Parses untrusted card data; anything off is refused with one answer and nothing else happens. */
export function parseActionData<T extends z.ZodTypeAny>(schema: T, data: unknown): z.infer<T> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new InvalidInput('This card action carries data the bot does not accept. Nothing was changed.');
  return parsed.data;
}
