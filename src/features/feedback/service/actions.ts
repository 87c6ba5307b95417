// Acting on feedback: actions with an owner and a due date, answering feedback and themes. An
// action closes with a public statement, which must identify nobody and which the language
// guard checks (each check logged); closing it closes the feedback it answers and tells each
// person who asked for a reply, through the channel they allowed.
import { audit } from '../../../platform/audit.ts';
import { changed } from '../../../platform/changes.ts';
import type { Config } from '../../../platform/config.ts';
import { inTransaction, nowIso, type Db, type Trx } from '../../../platform/db/database.ts';
import { queueMail } from '../../../platform/mail/outbox.ts';
import { NotFoundError } from '../../../platform/policy.ts';
import { Refusal } from '../../../platform/refusal.ts';
import { raiseNotice } from '../../accounts/index.ts';
import { checkText, countWords, logLanguageCheck } from '../../language/index.ts';
import type { ActionStatus } from '../choices.ts';
import { identifiersIn, type IdentifierKind } from '../deidentify.ts';
import * as actions from '../repository/actions.ts';
import * as items from '../repository/items.ts';
import * as replies from '../repository/replies.ts';
import * as themes from '../repository/themes.ts';
import { publicStatement } from '../statement.ts';
import { knownNames, possibleOwners, withOwnerNames, type Owner } from './people.ts';
import { shield, type Shielded } from './withheld.ts';

export type ActionRefusal = 'owner-not-allowed';

type ActionListItem = Awaited<ReturnType<typeof actions.listActions>>[number] & { owner_name: string | null };

export interface ActionLists {
  open: ActionListItem[];
  closed: ActionListItem[];
}

export async function actionLists(db: Db): Promise<ActionLists> {
  const [open, closed] = await Promise.all([actions.listActions(db, { open: true }), actions.listActions(db, { open: false })]);
  return { open: await withOwnerNames(db, open), closed: await withOwnerNames(db, closed) };
}

/** What an action may be linked to and owned by. */
export interface ActionOptions {
  owners: Owner[];
  themes: Awaited<ReturnType<typeof themes.listThemes>>;
}

export async function actionOptions(db: Db): Promise<ActionOptions> {
  const [owners, list] = await Promise.all([possibleOwners(db), themes.listThemes(db)]);
  return { owners, themes: list };
}

/** The options, and the feedback a new action starts linked to (when it exists). */
export async function newActionOptions(db: Db, feedbackId?: string): Promise<ActionOptions & { feedbackIds: string[] }> {
  const [options, item] = await Promise.all([actionOptions(db), feedbackId ? items.getFeedback(db, feedbackId) : undefined]);
  return { ...options, feedbackIds: item ? [item.id] : [] };
}

export interface NewAction {
  title: string;
  description: string;
  ownerId: string;
  dueDate: string | null;
  feedbackIds: string[];
  themeIds: string[];
  by: string;
}

/** Starts an action owned by a member of staff or the group, linked to the feedback that exists. */
export async function createAction(db: Db, input: NewAction): Promise<string> {
  return inTransaction(db, async (trx) => {
    await mayOwn(trx, input.ownerId);
    const feedbackIds: string[] = [];
    for (const id of input.feedbackIds) if (await items.getFeedback(trx, id)) feedbackIds.push(id);
    return addAction(trx, { ...input, feedbackIds });
  });
}

async function mayOwn(trx: Trx, ownerId: string): Promise<void> {
  if (!(await possibleOwners(trx)).some((o) => o.id === ownerId)) throw new Refusal<ActionRefusal>('owner-not-allowed');
}

/** Records a new action (a step of the services that start one): answering feedback is a first response. */
export async function addAction(
  trx: Trx,
  input: { title: string; description: string; ownerId: string | null; dueDate: string | null; by: string; feedbackIds: string[]; themeIds: string[]; proposalId?: string | null },
): Promise<string> {
  const at = nowIso();
  const id = await actions.createAction(trx, { ...input, createdBy: input.by, at });
  for (const feedbackId of input.feedbackIds) await items.markFirstResponse(trx, feedbackId, at);
  await audit(trx, { actorId: input.by, action: 'feedback.action-created', subject: id, detail: { feedback: input.feedbackIds.length, themes: input.themeIds.length } });
  await changed(trx, 'feedback');
  return id;
}

export interface ActionDetail {
  action: actions.ActionRow & { owner_name: string | null };
  themes: Awaited<ReturnType<typeof actions.actionThemes>>;
  /** The newest 100 pieces of feedback it answers, de-identified. */
  items: Array<Awaited<ReturnType<typeof actions.feedbackLinkedToAction>>[number] & Shielded>;
  counts: { linked: number; waiting: number };
  owners: Owner[];
}

/** An action's page; with `open`, only while it is open (a closed action cannot be changed). */
export async function actionDetail(db: Db, id: string, options: { open?: boolean } = {}): Promise<ActionDetail> {
  const row = await actions.getAction(db, id);
  if (!row || (options.open && row.closed_at)) throw new NotFoundError();
  const [linkedThemes, linked, counts, owners, named] = await Promise.all([
    actions.actionThemes(db, id),
    actions.feedbackLinkedToAction(db, id),
    actions.actionFeedbackCounts(db, id),
    possibleOwners(db),
    withOwnerNames(db, [row]),
  ]);
  return { action: named[0]!, themes: linkedThemes, items: await shield(db, linked, ['deidentified_text']), counts, owners };
}

/** Changes an open action's status, owner and due date. */
export async function updateAction(db: Db, input: { actionId: string; status: ActionStatus; ownerId: string; dueDate: string | null; by: string }): Promise<void> {
  await inTransaction(db, async (trx) => {
    const action = await actions.getAction(trx, input.actionId);
    if (!action || action.closed_at) throw new NotFoundError();
    await mayOwn(trx, input.ownerId);
    await actions.updateAction(trx, input.actionId, { status: input.status, ownerId: input.ownerId, dueDate: input.dueDate });
    await audit(trx, { actorId: input.by, action: 'feedback.action-updated', subject: input.actionId, detail: { status: input.status } });
  });
}

/** The statement as written: every part is checked, though only those of the outcome are published. */
export interface StatementDraft {
  outcome: 'done' | 'not-done';
  youSaid: string;
  weDid: string;
  weCouldnt: string;
  because: string;
}

export type StatementPart = 'youSaid' | 'weDid' | 'weCouldnt' | 'because';
const PARTS: readonly StatementPart[] = ['youSaid', 'weDid', 'weCouldnt', 'because'];

type Finding = Awaited<ReturnType<typeof checkText>>[number];

export type Closed =
  | { closed: true; replies: number }
  /** Parts that still seem to hold a phone number, an email address or the like. */
  | { closed: false; identifiers: Array<{ part: StatementPart; kinds: IdentifierKind[] }> }
  /** Parts the language guide stops (blocking), or asks to change (warnings, unless published as written). */
  | { closed: false; language: Array<{ part: StatementPart; blocking: Finding[]; warnings: Finding[] }> };

/**
 * Closes an open action with its public statement, unless it identifies someone or the
 * language guide says no (then nothing is closed; the language checks are logged either way).
 */
export async function closeAction(db: Db, config: Config, input: { actionId: string; draft: StatementDraft; publishAsWritten: boolean; by: string }): Promise<Closed> {
  const action = await actions.getAction(db, input.actionId);
  if (!action || action.closed_at) throw new NotFoundError();
  const { draft } = input;
  // The statement is public: nothing identifying may be in it.
  const names = await knownNames(db);
  const identifiers = PARTS.map((part) => ({ part, kinds: identifiersIn(draft[part], { knownNames: names }).filter((k) => k !== 'name') })).filter((p) => p.kinds.length);
  if (identifiers.length) return { closed: false, identifiers };
  // The public statement is service writing: the language guard checks it, and the check is logged.
  const checks: Array<{ part: StatementPart; text: string; findings: Finding[] }> = [];
  for (const part of PARTS) if (draft[part]) checks.push({ part, text: draft[part], findings: await checkText(db, draft[part], { documentKind: 'service-document' }) });
  return inTransaction(db, async (trx): Promise<Closed> => {
    for (const { text, findings } of checks) {
      await logLanguageCheck(trx, { source: 'you-said-we-did', words: countWords(text), findings: findings.length, blocking: findings.filter((f) => f.severity === 'block').length });
    }
    const language = checks
      .map(({ part, findings }) => ({ part, blocking: findings.filter((f) => f.severity === 'block'), warnings: input.publishAsWritten ? [] : findings.filter((f) => f.severity === 'warn') }))
      .filter((p) => p.blocking.length || p.warnings.length);
    if (language.length) return { closed: false, language };
    const done = draft.outcome === 'done';
    const replied = await close(trx, config, { actionId: input.actionId, outcome: draft.outcome, youSaid: draft.youSaid, weDid: done ? draft.weDid : draft.weCouldnt, because: done ? null : draft.because, by: input.by });
    return { closed: true, replies: replied };
  });
}

interface Closing {
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
async function close(trx: Trx, config: Config, closing: Closing): Promise<number> {
  const at = nowIso();
  const closed = await actions.closeAction(trx, closing.actionId, { status: closing.outcome, youSaid: closing.youSaid, weDid: closing.weDid, because: closing.because, by: closing.by, at });
  if (!closed) throw new NotFoundError();
  // Feedback linked directly, and open feedback in the action's themes, which is linked now.
  const direct = new Set(await actions.actionFeedbackIds(trx, closing.actionId));
  for (const id of await actions.openFeedbackInActionThemes(trx, closing.actionId)) {
    if (!direct.has(id)) await actions.linkFeedbackToAction(trx, closing.actionId, id);
    direct.add(id);
  }
  const feedbackIds = [...direct];
  for (const id of feedbackIds) await items.markFirstResponse(trx, id, at);
  await items.markClosed(trx, feedbackIds, at);

  let count = 0;
  const statement = publicStatement({ you_said: closing.youSaid, we_did: closing.weDid, because: closing.because, status: closing.outcome });
  for (const id of feedbackIds) {
    const item = await items.getFeedback(trx, id);
    if (!item || !item.reply_channel || item.replied_at) continue;
    if (item.reply_channel === 'email' && item.reply_email) {
      await queueMail(trx, {
        to: item.reply_email,
        subject: 'An update you asked for',
        text: `Thank you for telling us what you think. You asked us to let you know what happened.\n\n${statement}\n\nRead more: ${config.publicUrl}/you-said-we-did/${closing.actionId}\n\nWe have now deleted your email address.\n`,
        purpose: 'feedback-reply',
      });
      await items.clearReplyContact(trx, id, at);
      count += 1;
    } else if (item.reply_channel === 'phone' && item.reply_phone) {
      await replies.createReplyTask(trx, { feedbackId: id, actionId: closing.actionId, at });
      count += 1;
    } else if (item.reply_channel === 'account' && item.account_id) {
      await raiseNotice(trx, item.account_id, { purpose: 'feedback-reply', text: 'There is an answer to feedback you gave', href: `/you-said-we-did/${closing.actionId}` });
      await items.markReplied(trx, id, at);
      count += 1;
    }
  }
  await audit(trx, { actorId: closing.by, action: 'feedback.action-closed', subject: closing.actionId, detail: { outcome: closing.outcome, replies: count } });
  await changed(trx, 'feedback');
  return count;
}
