import { z } from 'zod';
import { MAX_CANDIDATES, mappingCard } from '../../cards/mapping-card';
import { mappingsCard } from '../../cards/mappings-card';
import { messageCard } from '../../cards/message-card';
import type { CardAttachment } from '../../cards/render';
import type { CardVerb } from '../../cards/verbs';
import { mappingGapText } from '../../core/preflight/reason-text';
import { REFERENCE_KIND_LABELS } from '../../core/subjects/references';
import { listMappings, removeMapping, saveMapping, type PairRequest, type SavedMapping } from '../../core/workflows/manage-mappings';
import { mappingChoices, type MappingChoices } from '../../core/workflows/mapping-choices';
import type { Command } from '../commands/grammar';
import type { BotRequest } from '../turn';
import { Fingerprint, parseActionData, ReferenceIdData, ReferenceKindData, SelectionData } from './action-data';
import { memberNames } from './admin';
import { preflightAnswer } from './preflight';
import { tenantNamed } from './tenant-named';

type Handler<N extends Command['name']> = (req: BotRequest, command: Extract<Command, { name: N }>) => Promise<CardAttachment>;
type ActionHandler = (req: BotRequest, data: unknown) => Promise<CardAttachment>;

/** A preflight gap as the `Map` action and the mapping card's `Save mapping` carry it. */
const GapData = z.object({
  selection: SelectionData,
  compareFingerprint: Fingerprint,
  preflightFingerprint: Fingerprint,
  kind: ReferenceKindData,
  sourceId: ReferenceIdData,
});
const SaveData = GapData.extend({ mappingTargetId: ReferenceIdData });

function pairNamed(req: BotRequest, source: string, target: string): PairRequest {
  return { sourceTenantId: tenantNamed(req.ctx, source).id, targetTenantId: tenantNamed(req.ctx, target).id };
}

function problemText(c: MappingChoices): string {
  if (c.gap) return mappingGapText(c.gap);
  const what = `${REFERENCE_KIND_LABELS[c.sourceObject.kind]} "${c.sourceObject.displayName}"`;
  return c.current ? `${what} is mapped to "${c.current.targetName}" in ${c.target.displayName}.` : `${what} resolves by name in ${c.target.displayName}; a mapping overrides that.`;
}

/** The mapping card for one gap: the target's objects of that kind to choose from, the current choice preselected. */
function mappingAnswer(c: MappingChoices, fingerprints: { compareFingerprint: string; preflightFingerprint: string }): CardAttachment {
  const candidates = c.candidates.slice(0, MAX_CANDIDATES);
  const current = c.current && candidates.some((o) => o.id === c.current!.targetId) ? c.current.targetId : undefined;
  return mappingCard({
    kind: c.sourceObject.kind,
    kindLabel: REFERENCE_KIND_LABELS[c.sourceObject.kind],
    sourceId: c.sourceObject.id,
    sourceName: c.sourceObject.displayName,
    problemText: problemText(c),
    sourceTenantName: c.source.displayName,
    targetTenantName: c.target.displayName,
    subjectNames: c.subjectNames,
    candidates: candidates.map((o) => ({ id: o.id, displayName: o.displayName })),
    candidateTotal: c.candidates.length,
    ...(current ? { currentTargetId: current } : {}),
    selection: c.selection,
    ...fingerprints,
    save: candidates.length > 0 ? { enabled: true } : { enabled: false, reason: `Sync ${c.target.displayName} once the object exists there, then map again.` },
  });
}

function savedAnswer(s: SavedMapping): CardAttachment {
  const { mapping } = s;
  const replaced = s.replaced && s.replaced.targetId !== mapping.targetId ? ` It replaces the mapping to "${s.replaced.targetName}".` : '';
  return messageCard({
    title: 'Mapping saved',
    text: `${REFERENCE_KIND_LABELS[mapping.kind]} "${mapping.sourceName}" in ${s.source.displayName} now maps to "${mapping.targetName}" in ${s.target.displayName}.${replaced} The next preflight uses it.`,
    tone: 'success',
    actions: [{ title: 'Compare now', verb: 'compare.page', data: { selection: { sourceTenantId: s.source.id, targetTenantId: s.target.id, types: [], includeAssignments: true }, page: 1 } }],
  });
}

async function mappingsAnswer(req: BotRequest, pair: PairRequest): Promise<CardAttachment> {
  const [listed, name] = await Promise.all([listMappings(req.deps, req.ctx, pair), memberNames(req)]);
  return mappingsCard({
    sourceName: listed.source.displayName,
    targetName: listed.target.displayName,
    rows: listed.mappings.map(({ mapping, targetExists }) => ({
      kindLabel: REFERENCE_KIND_LABELS[mapping.kind],
      sourceName: mapping.sourceName,
      targetName: mapping.targetName,
      createdByName: name(mapping.createdBy),
      createdAt: mapping.createdAt,
      targetMissing: !targetExists,
    })),
  });
}

/** `map`, `mappings` and `unmap`. */
export const MAPPING_COMMANDS: { [N in 'map' | 'mappings' | 'unmap']: Handler<N> } = {
  map: async (req, c) =>
    savedAnswer(await saveMapping(req.deps, req.ctx, { ...pairNamed(req, c.source, c.target), kind: c.kind, source: { name: c.sourceName }, target: { name: c.targetName } })),
  mappings: (req, c) => mappingsAnswer(req, pairNamed(req, c.source, c.target)),
  unmap: async (req, c) => {
    const { removed, source, target } = await removeMapping(req.deps, req.ctx, { ...pairNamed(req, c.source, c.target), kind: c.kind, source: { name: c.sourceName } });
    return messageCard({
      title: 'Mapping removed',
      text: `${REFERENCE_KIND_LABELS[removed.kind]} "${removed.sourceName}" in ${source.displayName} no longer maps to "${removed.targetName}" in ${target.displayName}. The next preflight resolves it by name again.`,
      tone: 'info',
    });
  },
};

/** `Map` on a preflight gap, and `Save mapping` on the mapping card (which answers the regenerated preflight). */
export const MAPPING_ACTIONS: Partial<Record<CardVerb, ActionHandler>> = {
  'mapping.open': async (req, data) => {
    const d = parseActionData(GapData, data);
    return mappingAnswer(await mappingChoices(req.deps, req.ctx, d), { compareFingerprint: d.compareFingerprint, preflightFingerprint: d.preflightFingerprint });
  },
  'mapping.save': async (req, data) => {
    const d = parseActionData(SaveData, data);
    await saveMapping(req.deps, req.ctx, { ...d.selection, kind: d.kind, source: { id: d.sourceId }, target: { id: d.mappingTargetId } });
    return preflightAnswer(req, d.selection);
  },
};
