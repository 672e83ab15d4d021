/** Every `Action.Execute` verb a card can send; the bot looks its handler up by this discriminator. */
export const CARD_VERBS = [
  'compare.refresh',
  'compare.page',
  'compare.details',
  'preflight.generate',
  'preflight.execute',
  'promotion.confirm',
  'promotion.cancel',
  'run.open',
  'runs.page',
  'tenants.page',
  'tenants.compare',
  'tenants.back',
  'audit.page',
  'mapping.open',
  'mapping.save',
  'undo.preview',
  'undo.request',
  'undo.confirm',
  'undo.cancel',
  'help.show',
  'watch.check',
  'watch.stop',
  'watches.page',
] as const;
export type CardVerb = (typeof CARD_VERBS)[number];

/** Ids of the inputs whose values Teams merges into the action data next to the card's own `data`. */
export const CARD_INPUT_IDS = {
  /** Source tenant chosen on the tenants card (sent with `tenants.compare`). */
  compareSource: 'sourceTenantId',
  /** Target object chosen on the mapping card (sent with `mapping.save`). */
  mappingTarget: 'mappingTargetId',
} as const;

/** The compare selection as a card carries it: ids only, re-resolved and re-authorised by the server. */
export interface SelectionData {
  sourceTenantId: string;
  targetTenantId: string;
  types: string[];
  includeAssignments: boolean;
}

/** Where the tenant registry was when a compare was launched from it, so `Back to tenants` returns there. */
export interface RegistryData {
  filter: string;
  page: number;
}

/** The untrusted `data` each verb's action carries (plus merged inputs, see CARD_INPUT_IDS). */
export interface CardActionData {
  'compare.refresh': { selection: SelectionData; registry?: RegistryData };
  'compare.page': { selection: SelectionData; page: number; registry?: RegistryData };
  'compare.details': { selection: SelectionData; subject: { type: string; displayName: string }; page: number; registry?: RegistryData };
  'preflight.generate': { selection: SelectionData; compareFingerprint: string; registry?: RegistryData };
  'preflight.execute': { selection: SelectionData; preflightFingerprint: string; registry?: RegistryData };
  'promotion.confirm': PromotionRequestData;
  'promotion.cancel': PromotionRequestData;
  'run.open': { runId: string; page: number };
  'runs.page': { page: number; tenantId?: string; status?: string };
  'tenants.page': RegistryData;
  'tenants.compare': { targetTenantId: string; registry: RegistryData };
  'tenants.back': RegistryData;
  'audit.page': { page: number };
  'mapping.open': MappingActionData;
  'mapping.save': MappingActionData;
  'undo.preview': { runId: string };
  'undo.request': { runId: string; previewFingerprint: string };
  'undo.confirm': { requestId: string; runId: string };
  'undo.cancel': { requestId: string; runId: string };
  'help.show': Record<string, never>;
  'watch.check': { watchId: string };
  'watch.stop': { watchId: string };
  'watches.page': { page: number };
}

/** Identifies the pending promotion request a confirmation card answers, with the selection it was made for. */
export interface PromotionRequestData {
  requestId: string;
  selection: SelectionData;
  preflightFingerprint: string;
  registry?: RegistryData;
}

/** Identifies one unresolved reference of a preflight: its kind and source-tenant id. */
export interface MappingActionData {
  selection: SelectionData;
  compareFingerprint: string;
  preflightFingerprint: string;
  kind: string;
  sourceId: string;
}

/** A verb together with its data, typed so a builder cannot pair a verb with another verb's payload. */
export type VerbAction = { [V in CardVerb]: { verb: V; data: CardActionData[V] } }[CardVerb];
