// Listening, learning, acting: the feedback loop's rules. Routes open transactions and pass
// them down; only repository.ts touches the tables.
import { audit } from '../../platform/audit.ts';
import type { Config } from '../../platform/config.ts';
import { nowIso, type Conn } from '../../platform/db/database.ts';
import { notifyAccount } from '../accounts/index.ts';
import { queueMail } from '../../platform/mail/outbox.ts';
import { changed } from '../../platform/changes.ts';
import { deidentify } from './deidentify.ts';
import * as repo from './repository.ts';
import { riskMatches } from './risk.ts';
import { suggestThemes, type ThemeSuggestion } from './suggest.ts';

export const RATINGS = [
  { value: 'very-good', text: 'Very good' },
  { value: 'good', text: 'Good' },
  { value: 'neither', text: 'Neither good nor poor' },
  { value: 'poor', text: 'Poor' },
  { value: 'very-poor', text: 'Very poor' },
  { value: 'dont-know', text: "Don't know" },
] as const;

export const AREAS = [
  { value: 'first-contact', text: 'Getting in touch or being referred' },
  { value: 'waiting', text: 'Waiting for an appointment' },
  { value: 'appointments', text: 'Appointments and assessments' },
  { value: 'hormones', text: 'Hormones and prescriptions' },
  { value: 'letters', text: 'Letters and communication' },
  { value: 'language', text: 'The words we use' },
  { value: 'website', text: 'This website' },
  { value: 'other', text: 'Something else' },
] as const;

export type ReplyChannel = 'email' | 'phone' | 'account';

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
}

export interface SubmittedFeedback {
  id: string;
  risk: boolean;
}

/**
 * Stores feedback, de-identifies it for moderation, and when it suggests risk alerts the duty
 * contact (or, with none configured, every lead) through the outbox with a link only.
 */
export async function submitFeedback(trx: Conn, config: Config, input: NewFeedback): Promise<SubmittedFeedback> {
  const at = nowIso();
  const risk = riskMatches(input.body).length > 0;
  const names = await repo.knownNames(trx, input.accountId);
  const { text: deidentified } = deidentify(input.body, { knownNames: names });
  const id = await repo.insertFeedback(trx, {
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
  if (risk) await alertDutyContact(trx, config, id);
  await audit(trx, { actorId: input.accountId, action: 'feedback.received', subject: id, detail: { risk, attached: input.accountId !== null } });
  await changed(trx, 'feedback');
  return { id, risk };
}

async function alertDutyContact(trx: Conn, config: Config, feedbackId: string): Promise<void> {
  const recipients = config.dutyContactEmail ? [config.dutyContactEmail] : await repo.leadEmails(trx);
  for (const to of recipients) {
    await queueMail(trx, {
      to,
      subject: 'Duty check needed: new feedback',
      // No feedback text: only where staff can read it after signing in.
      text: `Feedback received at ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC may suggest a risk of suicide or self-harm.\n\nSign in to read it and decide what to do:\n${config.publicUrl}/feedback/manage/${feedbackId}\n`,
      purpose: 'duty-alert',
    });
  }
}

// Moderation

export async function moderate(trx: Conn, input: { feedbackId: string; decision: 'approved' | 'rejected'; publicText: string | null; by: string }): Promise<boolean> {
  const item = await repo.getFeedback(trx, input.feedbackId);
  if (!item || item.moderation !== 'pending') return false;
  const at = nowIso();
  await repo.setModeration(trx, input.feedbackId, { moderation: input.decision, publicText: input.decision === 'approved' ? input.publicText : null, by: input.by, at });
  await repo.markFirstResponse(trx, input.feedbackId, at);
  await audit(trx, { actorId: input.by, action: `feedback.${input.decision}`, subject: input.feedbackId });
  await changed(trx, 'feedback');
  return true;
}

// Themes

export async function applyTheme(trx: Conn, input: { feedbackId: string; themeId: string; by: string; suggestion?: { score: number } }): Promise<boolean> {
  const at = nowIso();
  const applied = await repo.applyTheme(trx, { feedbackId: input.feedbackId, themeId: input.themeId, by: input.by, at, viaSuggestion: Boolean(input.suggestion) });
  if (input.suggestion) {
    await repo.recordSuggestionDecision(trx, { feedbackId: input.feedbackId, themeId: input.themeId, score: input.suggestion.score, decision: 'accepted', by: input.by, at });
  }
  if (applied) {
    await repo.markFirstResponse(trx, input.feedbackId, at);
    await audit(trx, { actorId: input.by, action: 'feedback.themed', subject: input.feedbackId, detail: { themeId: input.themeId, suggested: Boolean(input.suggestion) } });
    await changed(trx, 'feedback');
  }
  return applied;
}

export async function rejectSuggestion(trx: Conn, input: { feedbackId: string; themeId: string; score: number; by: string }): Promise<void> {
  await repo.recordSuggestionDecision(trx, { ...input, decision: 'rejected', at: nowIso() });
}

/** Themes suggested for an item: similar to already-themed feedback, minus those applied or turned down. */
export async function suggestionsFor(db: Conn, feedbackId: string): Promise<ThemeSuggestion[]> {
  const item = await repo.getFeedback(db, feedbackId);
  if (!item) return [];
  const [examples, applied, decided] = await Promise.all([
    repo.themedExamples(db, 1000, feedbackId),
    repo.themesOf(db, feedbackId),
    repo.suggestionDecisions(db, feedbackId),
  ]);
  const exclude = new Set([...applied.map((t) => t.id), ...decided.map((d) => d.theme_id)]);
  return suggestThemes(item.body, examples, { exclude });
}

// Actions

export const ACTION_STATUSES = [
  { value: 'open', text: 'Not started' },
  { value: 'in-progress', text: 'In progress' },
] as const;

export async function createAction(
  trx: Conn,
  input: { title: string; description: string; ownerId: string | null; dueDate: string | null; by: string; feedbackIds: string[]; themeIds: string[]; proposalId?: string | null },
): Promise<string> {
  const at = nowIso();
  const id = await repo.createAction(trx, { ...input, createdBy: input.by, at });
  for (const feedbackId of input.feedbackIds) await repo.markFirstResponse(trx, feedbackId, at);
  await audit(trx, { actorId: input.by, action: 'feedback.action-created', subject: id, detail: { feedback: input.feedbackIds.length, themes: input.themeIds.length } });
  await changed(trx, 'feedback');
  return id;
}

export interface Closing {
  actionId: string;
  outcome: 'done' | 'not-done';
  youSaid: string;
  /** "We did …" when done; "We couldn't …" when not. */
  weDid: string;
  because: string | null;
  by: string;
}

/**
 * Closes an action with its public statement, closes the feedback linked to it (directly, or
 * through its themes), and tells each person who asked for a reply through the channel they
 * allowed: email (then the address is forgotten), a call for staff to make, or their account.
 */
export async function closeAction(trx: Conn, config: Config, closing: Closing): Promise<{ replies: number } | undefined> {
  const at = nowIso();
  const closed = await repo.closeAction(trx, closing.actionId, { status: closing.outcome, youSaid: closing.youSaid, weDid: closing.weDid, because: closing.because, by: closing.by, at });
  if (!closed) return undefined;
  // Feedback linked directly, and open feedback in the action's themes, which is linked now.
  const direct = new Set(await repo.actionFeedbackIds(trx, closing.actionId));
  for (const id of await repo.openFeedbackInActionThemes(trx, closing.actionId)) {
    if (!direct.has(id)) await repo.linkFeedbackToAction(trx, closing.actionId, id);
    direct.add(id);
  }
  const feedbackIds = [...direct];
  for (const id of feedbackIds) await repo.markFirstResponse(trx, id, at);
  await repo.markClosed(trx, feedbackIds, at);

  let replies = 0;
  const statement = publicStatement({ you_said: closing.youSaid, we_did: closing.weDid, because: closing.because, status: closing.outcome });
  for (const id of feedbackIds) {
    const item = await repo.getFeedback(trx, id);
    if (!item || !item.reply_channel || item.replied_at) continue;
    if (item.reply_channel === 'email' && item.reply_email) {
      await queueMail(trx, {
        to: item.reply_email,
        subject: 'An update you asked for',
        text: `Thank you for telling us what you think. You asked us to let you know what happened.\n\n${statement}\n\nRead more: ${config.publicUrl}/you-said-we-did/${closing.actionId}\n\nWe have now deleted your email address.\n`,
        purpose: 'feedback-reply',
      });
      await repo.clearReplyContact(trx, id, at);
      replies += 1;
    } else if (item.reply_channel === 'phone' && item.reply_phone) {
      await repo.createReplyTask(trx, { feedbackId: id, actionId: closing.actionId, at });
      replies += 1;
    } else if (item.reply_channel === 'account' && item.account_id) {
      await notifyAccount(trx, config, item.account_id, { purpose: 'feedback-reply' });
      await trx.updateTable('feedback_items').set({ replied_at: at }).where('id', '=', id).execute();
      replies += 1;
    }
  }
  await audit(trx, { actorId: closing.by, action: 'feedback.action-closed', subject: closing.actionId, detail: { outcome: closing.outcome, replies } });
  await changed(trx, 'feedback');
  return { replies };
}

/** "You said … We did …" or "You said … We couldn't … because …", as one paragraph of text. */
export function publicStatement(action: { you_said: string | null; we_did: string | null; because: string | null; status: string }): string {
  const youSaid = `You said: ${action.you_said ?? ''}`.trim();
  if (action.status === 'not-done') return `${youSaid}\nWe couldn't: ${action.we_did ?? ''}\nBecause: ${action.because ?? ''}`;
  return `${youSaid}\nWe did: ${action.we_did ?? ''}`;
}

export async function completeReplyTask(trx: Conn, taskId: string, by: string): Promise<boolean> {
  const task = await repo.getReplyTask(trx, taskId);
  if (!task) return false;
  const at = nowIso();
  if (!(await repo.completeReplyTask(trx, taskId, by, at))) return false;
  // The phone number was kept only for this call.
  await repo.clearReplyContact(trx, task.feedback_id, at);
  await audit(trx, { actorId: by, action: 'feedback.reply-called', subject: task.feedback_id });
  return true;
}

/** The median from the middle one or two values, to one decimal place. */
function middleOf(values: number[]): number | null {
  if (!values.length) return null;
  const value = values.length === 1 ? values[0]! : (values[0]! + values[1]!) / 2;
  return Math.round(value * 10) / 10;
}

/** Count and median of the days to a first response or to closure. */
export async function medianDays(db: Conn, column: repo.DaysColumn): Promise<{ n: number; median: number | null }> {
  const { n, middle } = await repo.middleDays(db, column);
  return { n, median: middleOf(middle) };
}

/** What /insights shows of the loop: feedback received and closed, and the median days to a first response and to closure. */
export async function feedbackFigures(db: Conn) {
  return { ...(await repo.receivedAndClosed(db)), firstResponse: await medianDays(db, 'days_to_first_response'), closure: await medianDays(db, 'days_to_closure') };
}

export const feedbackWatermark = repo.feedbackWatermark;
