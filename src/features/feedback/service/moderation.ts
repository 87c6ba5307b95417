// Moderation: nothing is published until a group member has read the de-identified words,
// edited out anything else that identifies someone, and approved them. An approval whose words
// still seem to hold a name, a phone number or the like is not saved.
import { audit } from '../../../platform/audit.ts';
import { changed } from '../../../platform/changes.ts';
import { inTransaction, nowIso, type Conn, type Db } from '../../../platform/db/database.ts';
import { NotFoundError, type Actor } from '../../../platform/policy.ts';
import { deidentify, identifiersIn, type Deidentified, type IdentifierKind } from '../deidentify.ts';
import * as items from '../repository/items.ts';
import type { FeedbackListItem } from './manage.ts';
import { knownNames } from './people.ts';
import { shield } from './withheld.ts';

const QUEUE_SIZE = 100;

/** Feedback waiting to be checked: a disclosure of risk reaches moderation only once the duty team released it. */
export async function moderationQueue(db: Db): Promise<FeedbackListItem[]> {
  const rows = await shield(db, await items.listFeedback(db, 'awaiting-moderation', { limit: QUEUE_SIZE, offset: 0 }), ['deidentified_text']);
  return rows.filter((r) => !r.withheld);
}

export interface ToModerate {
  item: Pick<items.FeedbackItem, 'id' | 'created_at' | 'area' | 'deidentified_text'>;
  /** What de-identification removed from the original. */
  removed: Deidentified['removed'];
}

/** Feedback waiting to be checked, as moderation may read it (released words for a disclosure); NotFoundError while withheld. */
async function pending(db: Conn, id: string): Promise<items.FeedbackItem> {
  const item = await items.getFeedback(db, id);
  if (!item || item.moderation !== 'pending') throw new NotFoundError();
  const [shown] = await shield(db, [item], ['body', 'deidentified_text']);
  if (shown!.withheld) throw new NotFoundError();
  return shown!;
}

/**
 * Feedback waiting for a group member to check it, with what de-identification removed. When
 * `viewer` is given (the page is opened), the view is recorded in the audit log.
 */
export async function toModerate(db: Db, id: string, viewer?: Actor): Promise<ToModerate> {
  const item = await pending(db, id);
  const { removed } = deidentify(item.body, { knownNames: await knownNames(db) });
  if (viewer) await audit(db, { actorId: viewer.id, action: 'feedback.viewed', subject: id, detail: { original: false } });
  return { item: { id: item.id, created_at: item.created_at, area: item.area, deidentified_text: item.deidentified_text }, removed };
}

export type Moderation = { feedbackId: string; by: string } & ({ decision: 'approved'; publicText: string } | { decision: 'rejected' });

export type Moderated = { saved: true } | { saved: false; identifiers: IdentifierKind[] };

/** Approves words for publishing, or decides not to publish; words that still identify are not saved. */
export async function moderate(db: Db, input: Moderation): Promise<Moderated> {
  return inTransaction(db, async (trx) => {
    await pending(trx, input.feedbackId);
    const publicText = input.decision === 'approved' ? input.publicText : null;
    if (publicText !== null) {
      const identifiers = identifiersIn(publicText, { knownNames: await knownNames(trx) });
      if (identifiers.length) return { saved: false, identifiers };
    }
    const at = nowIso();
    await items.setModeration(trx, input.feedbackId, { moderation: input.decision, publicText, by: input.by, at });
    await items.markFirstResponse(trx, input.feedbackId, at);
    await audit(trx, { actorId: input.by, action: `feedback.${input.decision}`, subject: input.feedbackId });
    await changed(trx, 'feedback');
    return { saved: true };
  });
}
