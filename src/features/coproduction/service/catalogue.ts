// The language guide and the priorities-of-care catalogue change only through an adopted
// proposal in their area. `applyGuideChange` is the one way the workspace changes the guide:
// it checks the decision, writes the entry with `changed_by_decision_id`, and records what
// changed (before and after) in `coproduction_catalogue_changes`, which the guide's history shows.
import { entryToRow, getGuideEntryRow, insertGuideEntryRow, updateGuideEntryRow } from '../../language/index.ts';
import { getCarePriority, insertCarePriority, updateCarePriority } from '../../record/index.ts';
import { audit } from '../../../platform/audit.ts';
import { inTransaction, nowIso, type Db } from '../../../platform/db/database.ts';
import type { Actor } from '../../../platform/policy.ts';
import { Refusal } from '../../../platform/refusal.ts';
import * as repo from '../repository/index.ts';

export type GuideChangeRefusal = 'guide-needs-adopted-decision' | 'not-a-guide-decision' | 'entry-exists' | 'entry-needs-terms-and-reason' | 'no-such-entry';
export type PriorityChangeRefusal = 'priorities-need-adopted-decision' | 'not-a-priorities-decision' | 'priority-exists' | 'priority-needs-wording' | 'no-such-priority';

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

/** Applies a language-guide change adopted by `decisionId`. Refuses unless that decision was adopted on a proposal in the language-guide area. */
export async function applyGuideChange(db: Db, actor: Actor, decisionId: string, change: GuideChange): Promise<void> {
  return inTransaction(db, async (trx) => {
    const decision = await repo.getDecision(trx, decisionId);
    if (!decision || decision.status !== 'closed' || decision.outcome !== 'adopted') {
      throw new Refusal<GuideChangeRefusal>('guide-needs-adopted-decision');
    }
    const proposal = await repo.getProposal(trx, decision.proposal_id);
    if (!proposal || proposal.area !== 'language-guide') {
      throw new Refusal<GuideChangeRefusal>('not-a-guide-decision');
    }
    const at = nowIso();
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

/** Applies a priorities-of-care change adopted by `decisionId`, recording what changed. */
export async function applyPriorityChange(db: Db, actor: Actor, decisionId: string, change: PriorityChange): Promise<void> {
  return inTransaction(db, async (trx) => {
    const decision = await repo.getDecision(trx, decisionId);
    if (!decision || decision.status !== 'closed' || decision.outcome !== 'adopted') {
      throw new Refusal<PriorityChangeRefusal>('priorities-need-adopted-decision');
    }
    const proposal = await repo.getProposal(trx, decision.proposal_id);
    if (!proposal || proposal.area !== 'priorities-of-care') throw new Refusal<PriorityChangeRefusal>('not-a-priorities-decision');
    const at = nowIso();
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
