// Working on feedback (group members and staff): the list, one piece of feedback (staff read
// what the person wrote, group members only the de-identified text; every view is recorded),
// the themes applied to it, and the suggested themes a person accepts or turns down.
import { audit } from '../../../platform/audit.ts';
import { changed } from '../../../platform/changes.ts';
import { inTransaction, nowIso, type Conn, type Db, type Trx } from '../../../platform/db/database.ts';
import { isStaff, NotFoundError, type Actor } from '../../../platform/policy.ts';
import { Refusal } from '../../../platform/refusal.ts';
import * as actions from '../repository/actions.ts';
import * as items from '../repository/items.ts';
import * as themes from '../repository/themes.ts';
import { suggestThemes, type ThemeSuggestion } from '../suggest.ts';
import { shield, type Shielded } from './withheld.ts';

const PAGE_SIZE = 50;

export type FeedbackFilter = items.FeedbackFilter;
export type FeedbackListItem = items.FeedbackListItem & Shielded;

export interface FeedbackList {
  items: FeedbackListItem[];
  hasNext: boolean;
  /** How much feedback waits for a group member to check it. */
  awaiting: number;
}

export async function feedbackList(db: Db, filter: FeedbackFilter, page: number): Promise<FeedbackList> {
  const [rows, awaiting] = await Promise.all([
    items.listFeedback(db, filter, { limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE }),
    items.countAwaitingModeration(db),
  ]);
  return { items: await shield(db, rows.slice(0, PAGE_SIZE), ['deidentified_text']), hasNext: rows.length > PAGE_SIZE, awaiting };
}

/** What anyone working on feedback may know of it, besides its words. */
export type FeedbackSummary = Pick<items.FeedbackItem, 'id' | 'created_at' | 'area' | 'rating' | 'risk' | 'moderation' | 'reply_channel' | 'replied_at'>;

export interface FeedbackView {
  item: FeedbackSummary;
  /** What the person wrote (staff), or its de-identified text (group members); empty while withheld. */
  text: string;
  original: boolean;
  /** A disclosure of risk the duty team has, whose words nobody else reads. */
  withheld: boolean;
  themes: Awaited<ReturnType<typeof themes.themesOf>>;
  allThemes: Awaited<ReturnType<typeof themes.listThemes>>;
  suggestions: ThemeSuggestion[];
  actions: Awaited<ReturnType<typeof actions.actionsForFeedback>>;
}

/** One piece of feedback as `actor` may read it; the view is recorded in the audit log. */
export async function viewFeedback(db: Db, actor: Actor, id: string): Promise<FeedbackView> {
  const item = await items.getFeedback(db, id);
  if (!item) throw new NotFoundError();
  const [applied, allThemes, suggestions, linked] = await Promise.all([themes.themesOf(db, id), themes.listThemes(db), suggestionsFor(db, id), actions.actionsForFeedback(db, id)]);
  const [shown] = await shield(db, [item], ['body', 'deidentified_text']);
  const original = isStaff(actor) && !shown!.withheld && item.risk !== 1;
  await audit(db, { actorId: actor.id, action: 'feedback.viewed', subject: id, detail: { original, withheld: shown!.withheld } });
  return {
    item: { id: item.id, created_at: item.created_at, area: item.area, rating: item.rating, risk: item.risk, moderation: item.moderation, reply_channel: item.reply_channel, replied_at: item.replied_at },
    text: original ? shown!.body : shown!.deidentified_text,
    original,
    withheld: shown!.withheld,
    themes: applied,
    allThemes,
    suggestions,
    actions: linked,
  };
}

/** Themes suggested for an item: similar to already-themed feedback, minus those applied or turned down. */
async function suggestionsFor(db: Conn, feedbackId: string): Promise<ThemeSuggestion[]> {
  const item = await items.getFeedback(db, feedbackId);
  if (!item) return [];
  const [examples, applied, decided] = await Promise.all([themes.themedExamples(db, 1000, feedbackId), themes.themesOf(db, feedbackId), themes.suggestionDecisions(db, feedbackId)]);
  const exclude = new Set([...applied.map((t) => t.id), ...decided.map((d) => d.theme_id)]);
  return suggestThemes(item.body, examples, { exclude });
}

/** An existing theme, by its id, or a theme by name (found, or made now). */
export type ThemeChoice = { id: string } | { name: string };

/** Applies a theme to feedback. A theme id that names no theme changes nothing. */
export async function applyTheme(db: Db, input: { feedbackId: string; theme: ThemeChoice; by: string }): Promise<void> {
  await inTransaction(db, async (trx) => {
    if (!(await items.getFeedback(trx, input.feedbackId))) throw new NotFoundError();
    let themeId: string;
    if ('name' in input.theme) {
      const existing = await themes.findThemeByName(trx, input.theme.name);
      themeId = existing?.id ?? (await themes.createTheme(trx, { name: input.theme.name, description: '', createdBy: input.by, at: nowIso() }));
    } else {
      if (!(await themes.getTheme(trx, input.theme.id))) return;
      themeId = input.theme.id;
    }
    await themeFeedback(trx, { feedbackId: input.feedbackId, themeId, by: input.by });
  });
}

export async function removeTheme(db: Db, input: { feedbackId: string; themeId: string; by: string }): Promise<void> {
  await inTransaction(db, async (trx) => {
    await themes.removeTheme(trx, input.feedbackId, input.themeId);
    await audit(trx, { actorId: input.by, action: 'feedback.theme-removed', subject: input.feedbackId, detail: { themeId: input.themeId } });
  });
}

export type SuggestionRefusal = 'suggestion-closed';

/**
 * Accepts or turns down a suggested theme. The suggestion is worked out again here (its score is
 * never taken from the form); one no longer offered, or no decision, is refused.
 */
export async function decideSuggestion(db: Db, input: { feedbackId: string; themeId: string; decision: 'accept' | 'reject' | undefined; by: string }): Promise<'accept' | 'reject'> {
  return inTransaction(db, async (trx) => {
    if (!(await items.getFeedback(trx, input.feedbackId))) throw new NotFoundError();
    const suggestion = (await suggestionsFor(trx, input.feedbackId)).find((s) => s.themeId === input.themeId);
    if (!suggestion || !input.decision) throw new Refusal<SuggestionRefusal>('suggestion-closed');
    const at = nowIso();
    if (input.decision === 'accept') {
      await themeFeedback(trx, { feedbackId: input.feedbackId, themeId: input.themeId, by: input.by, suggestion: { score: suggestion.score } });
    } else {
      await themes.recordSuggestionDecision(trx, { feedbackId: input.feedbackId, themeId: input.themeId, score: suggestion.score, decision: 'rejected', by: input.by, at });
    }
    return input.decision;
  });
}

/** Applies the theme (once), recording an accepted suggestion, the first response and the audit. */
async function themeFeedback(trx: Trx, input: { feedbackId: string; themeId: string; by: string; suggestion?: { score: number } }): Promise<void> {
  const at = nowIso();
  const applied = await themes.applyTheme(trx, { feedbackId: input.feedbackId, themeId: input.themeId, by: input.by, at, viaSuggestion: Boolean(input.suggestion) });
  if (input.suggestion) {
    await themes.recordSuggestionDecision(trx, { feedbackId: input.feedbackId, themeId: input.themeId, score: input.suggestion.score, decision: 'accepted', by: input.by, at });
  }
  if (applied) {
    await items.markFirstResponse(trx, input.feedbackId, at);
    await audit(trx, { actorId: input.by, action: 'feedback.themed', subject: input.feedbackId, detail: { themeId: input.themeId, suggested: Boolean(input.suggestion) } });
    await changed(trx, 'feedback');
  }
}
