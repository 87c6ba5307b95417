// The workspace's vocabulary, shared by its services, forms and page data: the areas a proposal
// is about, its stages, the ways a decision is made and the answers each allows, the kinds of
// document, and who someone speaks as. Pure: no I/O.
import type { Actor } from '../../platform/policy.ts';
import type { Origin } from './participation.ts';

export const AREAS = {
  policy: 'Policy',
  'care-pathway': 'Care pathway',
  document: 'Document',
  'language-guide': 'Language guide',
  'priorities-of-care': 'Priorities of care',
  website: 'Website',
  other: 'Other',
} as const;
export type Area = keyof typeof AREAS;

export const STAGES = {
  idea: 'Idea',
  'co-design': 'Co-design',
  decision: 'Decision',
  implementing: 'Implementing',
  done: 'Done',
  'not-adopted': 'Not adopted',
} as const;
export type Stage = keyof typeof STAGES;

/** The stage each stage moves on to; any open stage may also end as "not adopted", with reasons. */
export const NEXT_STAGE: Partial<Record<Stage, Stage>> = { idea: 'co-design', 'co-design': 'decision', decision: 'implementing', implementing: 'done' };

/** Stages on which options may still be drafted, and on which a decision may be opened. */
export const DRAFTING_STAGES: readonly string[] = ['idea', 'co-design'];
export const UNDECIDED_STAGES: readonly string[] = ['idea', 'co-design', 'decision'];

export const METHODS = {
  consent: 'Consent (agree, concern or object)',
  vote: 'Vote (for, against or abstain)',
  'ranked-choice': 'Ranked choice between options',
  advice: 'Advice process',
} as const;
export type Method = keyof typeof METHODS;

/** The answers a consent or a vote allows (ranked choice ranks options; advice is given instead). */
export const POSITIONS: Record<string, readonly string[]> = {
  consent: ['agree', 'concern', 'object'],
  vote: ['for', 'against', 'abstain'],
};

/**
 * How long a decision stays open unless whoever opens it says otherwise: a week for consent, a
 * vote or ranked choice (time for everyone to read, ask and answer, and for a reminder a day
 * before), two weeks for an advice process (advice takes longer to give than an answer).
 */
export const DEFAULT_OPEN_DAYS: Record<Method, number> = { consent: 7, vote: 7, 'ranked-choice': 7, advice: 14 };
/** The longest a decision may stay open, and the shortest. */
export const MAX_OPEN_DAYS = 90;
export const MIN_OPEN_HOURS = 1;

/** The most characters a reason, concern or objection may hold. */
export const REASON_MAX = 2000;

/** The tie-break rule, stated on the ballot before anyone answers and beside the result. */
export const TIE_BREAK_RULES: Record<string, string> = {
  'ranked-choice':
    'If options tie for the fewest votes in a round, the one with fewer votes in the most recent earlier round is eliminated; if they tied in every earlier round, a random draw decides, made from a seed recorded when the decision opened and shown with the result. The order options are listed in never decides.',
  vote: 'If as many vote for as against, there is no decision: the facilitator can open a run-off vote.',
  consent: 'Adopted when the quorum is met and no objection stands. An objection not resolved by the closing time stands.',
};

export const DOCUMENT_KINDS = {
  'letter-template': 'Letter template',
  leaflet: 'Leaflet',
  policy: 'Policy',
  'web-page': 'Web page',
  'news-post': 'News post',
} as const;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;

/** Kinds published at /pages/:slug (news posts are at /news/:slug; letter templates are not pages). */
export const PAGE_KINDS: readonly string[] = ['web-page', 'leaflet', 'policy'];

/** Own keys only, so a value like "constructor" or "__proto__" is never taken for an area, stage, method or kind. */
export const isOneOf = <T extends object>(choices: T, value: string | undefined): value is Extract<keyof T, string> => value !== undefined && value !== '' && Object.hasOwn(choices, value);

/**
 * Who someone speaks as. Decided: an account holding the group or person role and no staff role
 * speaks from lived experience; anyone holding a staff role (practitioner or lead) speaks as staff,
 * even if they also use the service or sit on the group — the ladder measures whether power
 * moved away from staff, so a staff member's voice never counts as the group's.
 */
export function originOf(actor: Pick<Actor, 'roles'>): Origin {
  const staff = actor.roles.has('practitioner') || actor.roles.has('lead');
  const lived = actor.roles.has('group') || actor.roles.has('person');
  return lived && !staff ? 'lived-experience' : 'staff';
}

/**
 * Does a decision approve something the group's gate guards — a document version, or a change to
 * the language guide or the priorities of care? Then an advice process needs the group's advice.
 */
export const isGated = (decision: { document_version_id: string | null; catalogue_change: string | null }, area: string): boolean =>
  decision.document_version_id !== null || decision.catalogue_change !== null || area === 'language-guide' || area === 'priorities-of-care';

// Documents -------------------------------------------------------------------------------------

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function slugify(title: string): string {
  return title.toLowerCase().normalize('NFKD').replace(/[^\w\s-]/g, '').replace(/[\s_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
}

/** Paragraphs are separated by blank lines; comments attach to a paragraph's index. */
export function paragraphs(body: string): string[] {
  return body.split(/\r?\n\s*\r?\n/).map((p) => p.trim()).filter(Boolean);
}

export function publishedPath(doc: { kind: string; slug: string }): string {
  return doc.kind === 'news-post' ? `/news/${doc.slug}` : `/pages/${doc.slug}`;
}
