// Counting a decision (answers, ranked rounds, the lived-experience quorum, objections) and what
// of the count anyone may see: anonymous results stay hidden until the decision closes, and small
// counts read "fewer than 5" wherever they could identify someone.
import { rolesOf } from '../../accounts/index.ts';
import type { Conn } from '../../../platform/db/database.ts';
import { isGated, originOf, POSITIONS, type Method } from '../model.ts';
import { quorumMet } from '../participation.ts';
import { countRankedChoice, type RankedResult } from '../ranked-choice.ts';
import * as repo from '../repository/index.ts';
import { suppressedCounts, type ShownCount } from '../suppression.ts';
import type { DecisionTable } from '../tables.ts';

export interface Tally {
  method: Method;
  participants: number;
  groupParticipants: number;
  /** Counts of each answer (consent, vote). */
  counts: Record<string, number>;
  ranked: RankedResult | null;
  quorumMet: boolean;
  objections: { total: number; unsettled: number; standing: number };
}

/** Does the account speak from lived experience? Null when it holds no role at all. */
export async function speaksAs(db: Conn, accountId: string): Promise<ReturnType<typeof originOf> | null> {
  const roles = await rolesOf(db, accountId);
  return roles.length ? originOf({ roles: new Set(roles) }) : null;
}

export async function tally(db: Conn, decision: DecisionTable): Promise<Tally> {
  const participants = await repo.listParticipants(db, decision.id);
  const ballots = await repo.listBallots(db, decision.id);
  const groupParticipants = participants.filter((p) => p.origin === 'lived-experience').length;
  const counts: Record<string, number> = {};
  for (const p of POSITIONS[decision.method] ?? []) counts[p] = 0;
  for (const b of ballots) if (b.position) counts[b.position] = (counts[b.position] ?? 0) + 1;
  const objections = ballots.filter((b) => b.position === 'object');
  let ranked: RankedResult | null = null;
  if (decision.method === 'ranked-choice') {
    const options = await repo.listOptions(db, decision.proposal_id);
    ranked = countRankedChoice(options.map((o) => o.id), ballots.map((b) => (b.ranking ? (JSON.parse(b.ranking) as string[]) : [])), decision.tie_break_seed);
  }
  const quorum = quorumMet({ groupDeciders: groupParticipants, allDeciders: participants.length, minGroup: decision.quorum_min_group, minSharePercent: decision.quorum_min_share_percent });
  // In an advice process the decision is the group's when the decider has lived experience, or
  // when the advice given meets the same quorum as a vote would. When it approves a document
  // version or changes the guide or the priorities, only advice from group members counts: at
  // least the quorum's minimum of them must have given it, whoever decides.
  let met = quorum;
  if (decision.method === 'advice') {
    const proposal = await repo.getProposal(db, decision.proposal_id);
    met = isGated(decision, proposal?.area ?? '')
      ? groupParticipants >= decision.quorum_min_group
      : (decision.decider_id !== null && (await speaksAs(db, decision.decider_id)) === 'lived-experience') || quorum;
  }
  return {
    method: decision.method as Method,
    participants: participants.length,
    groupParticipants,
    counts,
    ranked,
    quorumMet: met,
    objections: { total: objections.length, unsettled: objections.filter((b) => b.resolved === null).length, standing: objections.filter((b) => b.resolved === 0).length },
  };
}

// Results as they may be shown -----------------------------------------------------------------

export interface ShownResults {
  /** Nothing but how many took part: the decision is open and anonymous, or the reader has not taken part yet. */
  hidden: boolean;
  hiddenBecause?: 'anonymous' | 'take-part-first';
  counts?: Record<string, ShownCount>;
  total?: ShownCount;
  suppressed?: boolean;
  ranked?: RankedResult | null;
  participants: ShownCount;
}

/**
 * What anyone may see of a decision's results. While a decision is open, no one sees results
 * before they have taken part themselves (so no one answers with the count in view); anonymous
 * decisions show nothing until they close, and then only counts of 5 or more (smaller ones read
 * "fewer than 5"). Public summaries (closed decisions only) always suppress small counts.
 */
export function shownResults(decision: DecisionTable, t: Tally, audience: 'workspace' | 'public', reader: { participated: boolean } = { participated: false }): ShownResults {
  const suppress = decision.anonymous === 1 || audience === 'public';
  if (decision.status !== 'closed' && decision.anonymous === 1) {
    return { hidden: true, hiddenBecause: 'anonymous', participants: suppressedCounts({ p: t.participants }).total };
  }
  if (decision.status !== 'closed' && !reader.participated) {
    return { hidden: true, hiddenBecause: 'take-part-first', participants: suppressedCounts({ p: t.participants }).total };
  }
  if (!suppress) {
    const counts: Record<string, ShownCount> = {};
    for (const [k, n] of Object.entries(t.counts)) counts[k] = { value: n, text: String(n) };
    return { hidden: false, counts, total: { value: t.participants, text: String(t.participants) }, suppressed: false, ranked: t.ranked, participants: { value: t.participants, text: String(t.participants) } };
  }
  const s = suppressedCounts(t.counts);
  // Ranked rounds reveal small numbers too: only shown when every ballot count is safe.
  const rankedSafe = t.ranked ? t.ranked.rounds.every((r) => r.tallies.every((x) => x.votes === 0 || x.votes >= 5) && (r.exhausted === 0 || r.exhausted >= 5)) : true;
  return {
    hidden: false,
    counts: s.counts,
    total: s.total,
    suppressed: s.suppressed || !rankedSafe,
    ranked: rankedSafe ? t.ranked : null,
    participants: suppressedCounts({ p: t.participants }).total,
  };
}
