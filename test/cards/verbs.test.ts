import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareCard } from '../../cards/compare-card';
import { confirmCard } from '../../cards/confirm-card';
import { mappingCard } from '../../cards/mapping-card';
import { messageCard } from '../../cards/message-card';
import { preflightCard } from '../../cards/preflight-card';
import { runDetailCard } from '../../cards/run-detail-card';
import { runStatusCard } from '../../cards/run-status-card';
import { runsCard } from '../../cards/runs-card';
import { auditCard } from '../../cards/audit-card';
import { tenantsCard } from '../../cards/tenants-card';
import { undoConfirmCard, undoPreviewCard } from '../../cards/undo-card';
import { watchesCard } from '../../cards/watches-card';
import { CARD_VERBS } from '../../cards/verbs';
import { allActions } from '../support/cards';
import * as vm from '../support/card-view-models';
import * as runVm from '../support/run-card-view-models';

const cardsDir = new URL('../../cards/', import.meta.url);

describe('card verbs', () => {
  it('are each sent by at least one card, and no card sends another', () => {
    const paged = { page: { page: 2, pageCount: 3 } };
    const cards = [
      tenantsCard(vm.tenantsView(paged)),
      compareCard(vm.compareView({ ...paged, registry: { filter: '', page: 1 } })),
      preflightCard(vm.preflightView()),
      confirmCard(vm.confirmView()),
      runStatusCard(runVm.runStatusView()),
      runDetailCard(runVm.runDetailView({ canUndo: true })),
      undoPreviewCard(runVm.undoPreviewView()),
      undoConfirmCard(runVm.undoConfirmView()),
      runsCard(runVm.runsView(paged)),
      auditCard(runVm.auditView(paged)),
      mappingCard(vm.mappingView()),
      messageCard({ title: 'Did you mean "tenants"?', text: 'x', tone: 'info', actions: [{ title: 'Show help', verb: 'help.show', data: {} }] }),
      watchesCard(vm.watchesView(paged)),
    ];
    const sent = new Set(cards.flatMap((c) => allActions(c).filter((a) => a.type === 'Action.Execute').map((a) => a.verb)));
    expect([...sent].sort()).toEqual([...CARD_VERBS].sort());
  });
});

describe('cards/ dependencies', () => {
  it('import nothing at runtime but each other, and only render.ts uses the templating library', () => {
    const files = readdirSync(cardsDir).filter((f) => f.endsWith('.ts'));
    const offending = files.flatMap((file) =>
      [...readFileSync(new URL(file, cardsDir), 'utf8').matchAll(/^import (?!type )[^;]*from '([^']+)'/gm)]
        .map((m) => m[1]!)
        .filter((from) => !from.startsWith('./') && !(from === 'adaptivecards-templating' && file === 'render.ts'))
        .map((from) => `${file} -> ${from}`),
    );
    expect(offending).toEqual([]);
  });
});
