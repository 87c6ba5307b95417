// Listening: a piece of feedback from the public form is stored, de-identified for the group,
// and, when it suggests risk, raised in the duty queue at once (the duty feature tells the duty
// team, never with its words), in the same transaction.
import { audit } from '../../../platform/audit.ts';
import { changed } from '../../../platform/changes.ts';
import type { Config } from '../../../platform/config.ts';
import { inTransaction, nowIso, type Db } from '../../../platform/db/database.ts';
import type { ReplyChannel } from '../choices.ts';
import { deidentify } from '../deidentify.ts';
import * as items from '../repository/items.ts';
import { guardOwnWords, riskMatches } from '../../language/index.ts';
import { raiseDutyAlert } from '../../duty/index.ts';
import { knownNames } from './people.ts';

export interface NewFeedback {
  body: string;
  rating: string | null;
  area: string;
  consentPublish: boolean;
  replyChannel: ReplyChannel | null;
  replyEmail: string | null;
  replyPhone: string | null;
  /** Set only when a signed-in person chose to attach their account. */
  accountId: string | null;
  /** Whoever is signed in, attached or not: only to keep their own previous names out (never stored). */
  writerId?: string | null;
}

export interface SubmittedFeedback {
  id: string;
  risk: boolean;
}

/**
 * Stores feedback, de-identifies it for moderation, and when it suggests risk raises it in the
 * duty queue, where only the duty team reads it.
 */
export async function submitFeedback(db: Db, config: Config, input: NewFeedback): Promise<SubmittedFeedback> {
  return inTransaction(db, async (trx) => {
    const writer = input.writerId ?? input.accountId;
    if (writer) await guardOwnWords(trx, writer, { body: input.body });
    const at = nowIso();
    const risk = riskMatches(input.body).length > 0;
    const names = await knownNames(trx, input.accountId);
    const { text: deidentified } = deidentify(input.body, { knownNames: names });
    const id = await items.insertFeedback(trx, {
      created_at: at,
      body: input.body,
      rating: input.rating,
      area: input.area,
      consent_publish: input.consentPublish ? 1 : 0,
      account_id: input.accountId,
      reply_channel: input.replyChannel,
      reply_email: input.replyChannel === 'email' ? input.replyEmail : null,
      reply_phone: input.replyChannel === 'phone' ? input.replyPhone : null,
      replied_at: null,
      risk: risk ? 1 : 0,
      deidentified_text: deidentified,
      moderation: input.consentPublish ? 'pending' : 'not-consented',
      public_text: null,
      moderated_by: null,
      moderated_at: null,
      first_response_at: null,
      days_to_first_response: null,
      closed_at: null,
      days_to_closure: null,
    });
    if (risk) await raiseDutyAlert(trx, config, { source: 'feedback', sourceId: id, personId: input.accountId, body: input.body, suggestedRelease: deidentified });
    await audit(trx, { actorId: input.accountId, action: 'feedback.received', subject: id, detail: { risk, attached: input.accountId !== null } });
    await changed(trx, 'feedback');
    return { id, risk };
  });
}
