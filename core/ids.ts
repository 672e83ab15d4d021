/** Branded identifiers: a TenantId can never be passed where a RunId is expected. */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type WorkspaceId = Brand<string, 'WorkspaceId'>;
/** Microsoft Entra tenant id (GUID). */
export type TenantId = Brand<string, 'TenantId'>;
/** Teams user's Entra object id (`aadObjectId`). */
export type ActorId = Brand<string, 'ActorId'>;
export type RunId = Brand<string, 'RunId'>;

export const WorkspaceId = (s: string) => s as WorkspaceId;
export const TenantId = (s: string) => s as TenantId;
export const ActorId = (s: string) => s as ActorId;
export const RunId = (s: string) => s as RunId;
