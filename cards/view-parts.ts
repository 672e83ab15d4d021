import type { TenantId } from '../core/ids';

/** Whether the card offers an action: enabled, or shown disabled with the reason the actor reads. */
export type Availability = { enabled: true } | { enabled: false; reason: string };

/** A tenant as a card shows it: name, environment, snapshot freshness and its Intune admin center link. */
export interface TenantView {
  id: TenantId;
  displayName: string;
  /** Free environment label, e.g. "production". */
  environment: string;
  /** Ready-made freshness text, e.g. "observed 2 h ago" or "stale: Graph unavailable". */
  freshnessText: string;
  /** True when the snapshot is stale or missing, so the freshness text is shown as a warning. */
  stale: boolean;
  /** Link that opens this tenant in the Intune admin center. */
  portalUrl: string;
}

/** Where a paged list is: 1-based page number and the number of pages (at least 1). */
export interface PageView {
  page: number;
  pageCount: number;
}

/** A subject named in a bounded list, with the reason it is listed. */
export interface SubjectNoteView {
  typeLabel: string;
  displayName: string;
  why: string;
}
