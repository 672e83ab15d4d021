import { renderCard, type CardAttachment } from './render';
import { directionText } from './tenant-header';
import template from './templates/mappings.json';
import { bounded, cardDateTime, clip } from './text';

/** One stored mapping of a tenant pair as the `mappings` card lists it. */
export interface MappingRowView {
  /** e.g. "Group". */
  kindLabel: string;
  sourceName: string;
  targetName: string;
  createdByName: string;
  createdAt: Date;
  /** True when the target object is gone from the target's inventory, so the reference is a gap again. */
  targetMissing: boolean;
}

/** The mappings of one source → target pair. */
export interface MappingsCardView {
  sourceName: string;
  targetName: string;
  rows: MappingRowView[];
}

/** Most mappings one card lists; the rest are counted. */
export const MAX_MAPPING_ROWS = 30;

/** The `mappings` card: kind, source name → target name, who mapped it and when, and targets that no longer exist. */
export function mappingsCard(view: MappingsCardView): CardAttachment {
  const rows = bounded(view.rows, MAX_MAPPING_ROWS);
  const source = clip(view.sourceName, 80);
  const target = clip(view.targetName, 80);
  return renderCard(template, {
    direction: directionText(view.sourceName, view.targetName),
    emptyText: view.rows.length === 0 ? `No mappings yet. Use Map on a preflight card, or type: map «kind» "«source name»" to "«target name»" for ${source} to ${target}` : '',
    rows: rows.shown.map((r) => ({
      headline: `${clip(r.kindLabel, 40)}: "${clip(r.sourceName, 100)}" → "${clip(r.targetName, 100)}"`,
      who: `Mapped by ${clip(r.createdByName, 80)} · ${cardDateTime(r.createdAt)}`,
      missing: r.targetMissing ? `"${clip(r.targetName, 100)}" no longer exists in ${target}: subjects that use this mapping need mapping again.` : '',
    })),
    more: rows.more ? `${rows.more} mappings` : '',
    removeHint: view.rows.length > 0 ? `To remove one, type: unmap «kind» "«source name»" for ${source} to ${target}` : '',
  });
}
