// The language guide and the priorities-of-care catalogue change only through an adopted decision
// in their area that approved exactly that change. The change is set when the decision opens
// (`catalogue_change`, checked by `checkedChange`); `applyGuideChange` / `applyPriorityChange` are
// the one way the workspace changes either: each applies only the change its decision approved,
// only once, only when the decision was adopted with the group's quorum met. The entry is written
// with `changed_by_decision_id`, and what changed (before and after) is recorded in
// `coproduction_catalogue_changes`, which the catalogues' history shows.
import { entryToRow, getGuideEntryRow, insertGuideEntryRow, updateGuideEntryRow } from '../../language/index.ts';
import { getCarePriority, insertCarePriority, updateCarePriority } from '../../record/index.ts';
import { audit } from '../../../platform/audit.ts';
import { inTransaction, nowIso, type Db } from '../../../platform/db/database.ts';
import type { Actor } from '../../../platform/policy.ts';
import { Refusal } from '../../../platform/refusal.ts';
import * as repo from '../repository/index.ts';

export type GuideChangeRefusal = 'guide-needs-adopted-decision' | 'not-a-guide-decision' | 'entry-exists' | 'entry-needs-terms-and-reason' | 'no-such-entry' | 'not-what-was-decided' | 'already-applied';
export type PriorityChangeRefusal = 'priorities-need-adopted-decision' | 'not-a-priorities-decision' | 'priority-exists' | 'priority-needs-wording' | 'no-such-priority' | 'not-what-was-decided' | 'already-applied';
/** Refusals when a decision opens with a change that could never be applied. */
export type CatalogueChangeRefusal = 'entry-needs-terms-and-reason' | 'priority-needs-wording';

export interface GuideChange {
  /** An existing entry's id to update or retire, or a new id (a slug) to add. */
  entryId: string;
  change: 'add' | 'update' | 'retire';
  category?: 'trans-inclusive' | 'person-centred' | 'clinical-documentation';
  terms?: string[];
  suggestions?: string[];
  reason?: string;
  source?: string;
  severity?: 'warn' | 'info';
}

/** The change a decision on a proposal in either area may approve (the fields of its catalogue). */
export type CatalogueChange = GuideChange | PriorityChange;
export type Catalogue = 'language-guide' | 'priorities-of-care';

export const catalogueOfArea = (area: string): Catalogue | null => (area === 'language-guide' || area === 'priorities-of-care' ? area : null);

/** The change as a decision records it: only its catalogue's fields, and refused when it could never apply (an addition without its wording). */
export function checkedChange(catalogue: Catalogue, change: CatalogueChange): CatalogueChange {
  if (catalogue === 'language-guide') {
    const c = change as GuideChange;
    if (c.change === 'add' && (!c.terms?.length || !c.reason)) throw new Refusal<CatalogueChangeRefusal>('entry-needs-terms-and-reason');
    const { entryId, category, terms, suggestions, reason, source, severity } = c;
    return JSON.parse(JSON.stringify({ entryId, change: c.change, category, terms, suggestions, reason, source, severity })) as GuideChange;
  }
  const c = change as PriorityChange;
  if (c.change === 'add' && (!c.label || !c.description)) throw new Refusal<CatalogueChangeRefusal>('priority-needs-wording');
  return JSON.parse(JSON.stringify({ entryId: c.entryId, change: c.change, label: c.label, description: c.description })) as PriorityChange;
}

/** Does what someone asked to apply match what was decided? Every field they name must be the decided one. */
function sameChange(decided: CatalogueChange, asked: CatalogueChange | undefined): boolean {
  if (!asked) return true;
  const d = decided as unknown as Record<string, unknown>;
  return Object.entries(asked).every(([k, v]) => v === undefined || JSON.stringify(d[k]) === JSON.stringify(v));
}

/**
 * The change `decisionId` approved, when it may be applied now: the decision closed adopted with the
 * quorum met, in this catalogue's area, approving a change, not applied before, and `asked` (what the
 * caller says it is applying, if anything) is that change. It is then marked applied, once.
 */
async function decidedChange<T extends CatalogueChange>(trx: Db, decisionId: string, catalogue: Catalogue, asked: CatalogueChange | undefined, at: string): Promise<T> {
  const guide = catalogue === 'language-guide';
  const decision = await repo.getDecision(trx, decisionId);
  if (!decision || decision.status !== 'closed' || decision.outcome !== 'adopted' || decision.quorum_met !== 1) {
    throw new Refusal<GuideChangeRefusal | PriorityChangeRefusal>(guide ? 'guide-needs-adopted-decision' : 'priorities-need-adopted-decision');
  }
  const proposal = await repo.getProposal(trx, decision.proposal_id);
  if (!proposal || proposal.area !== catalogue) throw new Refusal<GuideChangeRefusal | PriorityChangeRefusal>(guide ? 'not-a-guide-decision' : 'not-a-priorities-decision');
  if (!decision.catalogue_change) throw new Refusal<GuideChangeRefusal>('not-what-was-decided');
  const decided = JSON.parse(decision.catalogue_change) as T;
  if (!sameChange(decided, asked)) throw new Refusal<GuideChangeRefusal>('not-what-was-decided');
  if (decision.applied_at || !(await repo.markApplied(trx, decisionId, at))) throw new Refusal<GuideChangeRefusal>('already-applied');
  return decided;
}

/**
 * Applies the language-guide change `decisionId` approved. `asked`, when given, is what the caller
 * means to apply: refused unless it is that change. Refused too unless the decision was adopted,
 * with the quorum met, on a proposal in the language-guide area, and the change was not applied before.
 */
export async function applyGuideChange(db: Db, actor: Actor, decisionId: string, asked?: GuideChange): Promise<void> {
  return inTransaction(db, async (trx) => {
    const at = nowIso();
    const change = await decidedChange<GuideChange>(trx, decisionId, 'language-guide', asked, at);
    const existing = await getGuideEntryRow(trx, change.entryId);
    if (change.change === 'add') {
      if (existing) throw new Refusal<GuideChangeRefusal>('entry-exists');
      const terms = change.terms ?? [];
      if (terms.length === 0 || !change.reason) throw new Refusal<GuideChangeRefusal>('entry-needs-terms-and-reason');
      const row = entryToRow(
        {
          id: change.entryId,
          category: change.category ?? 'person-centred',
          terms,
          suggestions: change.suggestions ?? [],
          reason: change.reason,
          source: [change.source ?? 'Coproduction Group decision'],
          severity: change.severity ?? 'warn',
        },
        at,
        decisionId,
      );
      await insertGuideEntryRow(trx, row);
      await repo.insertCatalogueChange(trx, { decision_id: decisionId, catalogue: 'language-guide', entry_id: change.entryId, change: 'add', before_json: null, after_json: JSON.stringify(row), at });
    } else {
      if (!existing) throw new Refusal<GuideChangeRefusal>('no-such-entry');
      const values =
        change.change === 'retire'
          ? { active: 0, updated_at: at, changed_by_decision_id: decisionId }
          : {
              ...(change.terms ? { terms: JSON.stringify(change.terms) } : {}),
              ...(change.suggestions ? { suggestions: JSON.stringify(change.suggestions) } : {}),
              ...(change.reason ? { reason: change.reason } : {}),
              ...(change.severity ? { severity: change.severity } : {}),
              ...(change.category ? { category: change.category } : {}),
              updated_at: at,
              changed_by_decision_id: decisionId,
            };
      await updateGuideEntryRow(trx, change.entryId, values);
      await repo.insertCatalogueChange(trx, {
        decision_id: decisionId, catalogue: 'language-guide', entry_id: change.entryId, change: change.change,
        before_json: JSON.stringify(existing), after_json: JSON.stringify({ ...existing, ...values }), at,
      });
    }
    await audit(trx, { actorId: actor.id, action: 'coproduction.guide-change', subject: change.entryId, detail: { decision: decisionId, change: change.change } });
  });
}

export interface PriorityChange {
  entryId: string;
  change: 'add' | 'update' | 'retire';
  label?: string;
  description?: string;
}

/** Applies the priorities-of-care change `decisionId` approved (as `applyGuideChange`), recording what changed. */
export async function applyPriorityChange(db: Db, actor: Actor, decisionId: string, asked?: PriorityChange): Promise<void> {
  return inTransaction(db, async (trx) => {
    const at = nowIso();
    const change = await decidedChange<PriorityChange>(trx, decisionId, 'priorities-of-care', asked, at);
    const existing = await getCarePriority(trx, change.entryId);
    if (change.change === 'add') {
      if (existing) throw new Refusal<PriorityChangeRefusal>('priority-exists');
      if (!change.label || !change.description) throw new Refusal<PriorityChangeRefusal>('priority-needs-wording');
      await insertCarePriority(trx, { id: change.entryId, label: change.label, description: change.description });
      await repo.insertCatalogueChange(trx, { decision_id: decisionId, catalogue: 'priorities-of-care', entry_id: change.entryId, change: 'add', before_json: null, after_json: JSON.stringify({ label: change.label, description: change.description }), at });
    } else {
      if (!existing) throw new Refusal<PriorityChangeRefusal>('no-such-priority');
      const values = change.change === 'retire' ? { active: 0 } : { ...(change.label ? { label: change.label } : {}), ...(change.description ? { description: change.description } : {}) };
      await updateCarePriority(trx, change.entryId, values);
      await repo.insertCatalogueChange(trx, {
        decision_id: decisionId, catalogue: 'priorities-of-care', entry_id: change.entryId, change: change.change,
        before_json: JSON.stringify(existing), after_json: JSON.stringify({ ...existing, ...values }), at,
      });
    }
    await audit(trx, { actorId: actor.id, action: 'coproduction.priority-change', subject: change.entryId, detail: { decision: decisionId, change: change.change } });
  });
}
