// The language guide and the priorities-of-care catalogue change only through an adopted
// proposal in their area. `applyGuideChange` is the one way the workspace changes the guide:
// it checks the decision, writes the entry with `changed_by_decision_id`, and records what
// changed (before and after) in `coproduction_catalogue_changes`, which the guide's history shows.
import { nowIso, type Conn } from '../../platform/db/database.ts';
import { audit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/policy.ts';
import * as repo from './repository/index.ts';
import { entryToRow, getGuideEntryRow, insertGuideEntryRow, updateGuideEntryRow } from '../language/index.ts';
import { getCarePriority, insertCarePriority, updateCarePriority } from '../record/index.ts';

export class CatalogueChangeRefused extends Error {
  override name = 'CatalogueChangeRefused';
}

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
export async function applyGuideChange(db: Conn, actor: Actor, decisionId: string, change: GuideChange): Promise<void> {
  const decision = await repo.getDecision(db, decisionId);
  if (!decision || decision.status !== 'closed' || decision.outcome !== 'adopted') {
    throw new CatalogueChangeRefused('The language guide changes only through an adopted decision.');
  }
  const proposal = await repo.getProposal(db, decision.proposal_id);
  if (!proposal || proposal.area !== 'language-guide') {
    throw new CatalogueChangeRefused('That decision was not about the language guide.');
  }
  const at = nowIso();
  const existing = await getGuideEntryRow(db, change.entryId);
  if (change.change === 'add') {
    if (existing) throw new CatalogueChangeRefused('An entry with that id already exists.');
    const terms = change.terms ?? [];
    if (terms.length === 0 || !change.reason) throw new CatalogueChangeRefused('A new entry needs its terms and the reason.');
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
    await insertGuideEntryRow(db, row);
    await repo.insertCatalogueChange(db, { decision_id: decisionId, catalogue: 'language-guide', entry_id: change.entryId, change: 'add', before_json: null, after_json: JSON.stringify(row), at });
  } else {
    if (!existing) throw new CatalogueChangeRefused('There is no entry with that id.');
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
    await updateGuideEntryRow(db, change.entryId, values);
    await repo.insertCatalogueChange(db, {
      decision_id: decisionId, catalogue: 'language-guide', entry_id: change.entryId, change: change.change,
      before_json: JSON.stringify(existing), after_json: JSON.stringify({ ...existing, ...values }), at,
    });
  }
  await audit(db, { actorId: actor.id, action: 'coproduction.guide-change', subject: change.entryId, detail: { decision: decisionId, change: change.change } });
}

export interface PriorityChange {
  entryId: string;
  change: 'add' | 'update' | 'retire';
  label?: string;
  description?: string;
}

/** Applies a priorities-of-care change adopted by `decisionId`, recording what changed. */
export async function applyPriorityChange(db: Conn, actor: Actor, decisionId: string, change: PriorityChange): Promise<void> {
  const decision = await repo.getDecision(db, decisionId);
  if (!decision || decision.status !== 'closed' || decision.outcome !== 'adopted') {
    throw new CatalogueChangeRefused('The priorities of care change only through an adopted decision.');
  }
  const proposal = await repo.getProposal(db, decision.proposal_id);
  if (!proposal || proposal.area !== 'priorities-of-care') throw new CatalogueChangeRefused('That decision was not about the priorities of care.');
  const at = nowIso();
  const existing = await getCarePriority(db, change.entryId);
  if (change.change === 'add') {
    if (existing) throw new CatalogueChangeRefused('A priority with that id already exists.');
    if (!change.label || !change.description) throw new CatalogueChangeRefused('A new priority needs its wording and a description.');
    await insertCarePriority(db, { id: change.entryId, label: change.label, description: change.description });
    await repo.insertCatalogueChange(db, { decision_id: decisionId, catalogue: 'priorities-of-care', entry_id: change.entryId, change: 'add', before_json: null, after_json: JSON.stringify({ label: change.label, description: change.description }), at });
  } else {
    if (!existing) throw new CatalogueChangeRefused('There is no priority with that id.');
    const values = change.change === 'retire' ? { active: 0 } : { ...(change.label ? { label: change.label } : {}), ...(change.description ? { description: change.description } : {}) };
    await updateCarePriority(db, change.entryId, values);
    await repo.insertCatalogueChange(db, {
      decision_id: decisionId, catalogue: 'priorities-of-care', entry_id: change.entryId, change: change.change,
      before_json: JSON.stringify(existing), after_json: JSON.stringify({ ...existing, ...values }), at,
    });
  }
  await audit(db, { actorId: actor.id, action: 'coproduction.priority-change', subject: change.entryId, detail: { decision: decisionId, change: change.change } });
}
