// Themes: what we learn from feedback. The list with how much feedback each has, a theme with
// its trend, its feedback and its actions, making a theme, and raising a proposal with the
// Coproduction Group from one (linked back to the theme through an action).
import { audit } from '../../../platform/audit.ts';
import { inTransaction, nowIso, type Db } from '../../../platform/db/database.ts';
import { NotFoundError, type Actor } from '../../../platform/policy.ts';
import { Refusal } from '../../../platform/refusal.ts';
import { raiseProposal } from '../../coproduction/index.ts';
import * as actions from '../repository/actions.ts';
import * as themes from '../repository/themes.ts';
import { addAction } from './actions.ts';
import { shield, type Shielded } from './withheld.ts';

export interface ThemesOverview {
  themes: Awaited<ReturnType<typeof themes.listThemes>>;
  /** How many suggested themes people accepted and turned down. */
  acceptance: { accepted: number; rejected: number };
}

export async function themesOverview(db: Db): Promise<ThemesOverview> {
  const [list, acceptance] = await Promise.all([themes.listThemes(db), themes.suggestionAcceptance(db)]);
  return { themes: list, acceptance };
}

export type ThemeRefusal = 'theme-name-taken';

/** Makes a theme; a name another theme has (in any case) is refused. */
export async function createTheme(db: Db, input: { name: string; description: string; by: string }): Promise<string> {
  return inTransaction(db, async (trx) => {
    if (await themes.findThemeByName(trx, input.name)) throw new Refusal<ThemeRefusal>('theme-name-taken');
    const id = await themes.createTheme(trx, { name: input.name, description: input.description, createdBy: input.by, at: nowIso() });
    await audit(trx, { actorId: input.by, action: 'feedback.theme-created', subject: id });
    return id;
  });
}

export interface ThemeDetail {
  theme: NonNullable<Awaited<ReturnType<typeof themes.getTheme>>>;
  /** Feedback with this theme, per month it was given (YYYY-MM). */
  monthly: Array<{ month: string; count: number }>;
  /** The newest 20 pieces of feedback with it, de-identified. */
  items: Array<Awaited<ReturnType<typeof themes.feedbackForTheme>>[number] & Shielded>;
  actions: Awaited<ReturnType<typeof actions.listActions>>;
}

export async function themeDetail(db: Db, id: string): Promise<ThemeDetail> {
  const theme = await themes.getTheme(db, id);
  if (!theme) throw new NotFoundError();
  const [monthly, items, linked] = await Promise.all([themes.themeMonthlyCounts(db, id), themes.feedbackForTheme(db, id, 20), actions.listActions(db, { themeId: id })]);
  return { theme, monthly, items: await shield(db, items, ['deidentified_text']), actions: linked };
}

/**
 * Raises a proposal in the coproduction workspace (which owns proposals) from a theme, and an
 * action for the theme that carries it, so the loop is closed when it is done. One transaction.
 */
export async function raiseProposalFromTheme(db: Db, actor: Actor, themeId: string, input: { title: string; problem: string; idea: string }): Promise<string> {
  return inTransaction(db, async (trx) => {
    const theme = await themes.getTheme(trx, themeId);
    if (!theme) throw new NotFoundError();
    const proposalId = await raiseProposal(trx, actor, {
      title: input.title,
      problem: input.problem,
      affects: `People who gave feedback about "${theme.name}"`,
      idea: input.idea || 'To be worked out together in co-design.',
      area: 'other',
    });
    await addAction(trx, { title: `Proposal: ${input.title}`, description: `Raised from the theme "${theme.name}".`, ownerId: actor.id, dueDate: null, by: actor.id, feedbackIds: [], themeIds: [theme.id], proposalId });
    return proposalId;
  });
}
