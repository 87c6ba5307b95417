import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { originOf } from './model.ts';
import { shownResults, type Tally } from './service/counting.ts';
import { periodOf } from './service/digests.ts';
import type { DecisionTable } from './tables.ts';

describe('who speaks from lived experience', () => {
  test('group members and people using the service do; anyone with a staff role speaks as staff', () => {
    assert.equal(originOf({ roles: new Set(['group']) }), 'lived-experience');
    assert.equal(originOf({ roles: new Set(['person']) }), 'lived-experience');
    assert.equal(originOf({ roles: new Set(['group', 'practitioner']) }), 'staff');
    assert.equal(originOf({ roles: new Set(['lead']) }), 'staff');
  });
});

describe('digest periods', () => {
  test('daily periods are UTC days; weekly periods start on Monday', () => {
    assert.equal(periodOf('daily', new Date('2026-11-26T23:59:00Z')).key, 'daily:2026-11-26');
    assert.equal(periodOf('weekly', new Date('2026-11-26T10:00:00Z')).key, 'weekly:2026-11-23');
    assert.equal(periodOf('weekly', new Date('2026-11-29T23:00:00Z')).key, 'weekly:2026-11-23');
    assert.equal(periodOf('weekly', new Date('2026-11-30T00:00:00Z')).key, 'weekly:2026-11-30');
  });
});

describe('results as they may be shown', () => {
  const decision = (overrides: Partial<DecisionTable>): DecisionTable => ({
    id: 'd', proposal_id: 'p', method: 'ranked-choice', question: 'q', anonymous: 1, public: 1, document_version_id: null, status: 'closed',
    opened_by: 'a', opened_at: '2026-11-01T00:00:00Z', closed_by: 'a', closed_at: '2026-11-02T00:00:00Z', outcome: 'adopted', chosen_option_id: 'A', summary: 's',
    quorum_min_group: 3, quorum_min_share_percent: 50, quorum_met: 1, decider_id: null, claimed_level: null, computed_level: null, catalogue_change: null, applied_at: null,
    facilitator_id: 'a', closes_at: '2026-11-08T00:00:00Z', tie_break_seed: 'seed', reminded_before_close_at: null, reminded_quorum_at: null, ...overrides,
  });
  const tally = (rounds: Array<Array<[string, number]>>): Tally => ({
    method: 'ranked-choice', participants: 9, groupParticipants: 9, counts: {}, quorumMet: true, objections: { total: 0, unsettled: 0, standing: 0 },
    ranked: { winner: 'A', seed: 'seed', rounds: rounds.map((r) => ({ tallies: r.map(([optionId, votes]) => ({ optionId, votes })), exhausted: 0, eliminated: null, tieBreak: null })) },
  });

  test('anonymous ranked-choice rounds are hidden when any count is 1 to 4', () => {
    const shown = shownResults(decision({}), tally([[['A', 6], ['B', 3]]]), 'workspace');
    assert.equal(shown.ranked, null);
    assert.equal(shown.suppressed, true);
  });

  test('rounds where every count is 0 or at least 5 are shown', () => {
    const shown = shownResults(decision({}), tally([[['A', 5], ['B', 5], ['C', 0]]]), 'workspace');
    assert.ok(shown.ranked);
  });

  test('an open anonymous decision shows nothing but how many took part, itself suppressed', () => {
    const shown = shownResults(decision({ status: 'open' }), { ...tally([]), participants: 3 }, 'workspace', { participated: true });
    assert.equal(shown.hidden, true);
    assert.equal(shown.hiddenBecause, 'anonymous');
    assert.equal(shown.participants.text, 'fewer than 5');
    assert.equal(shown.counts, undefined);
  });

  test('a named decision shows exact counts in the workspace but suppressed ones in public', () => {
    const named = decision({ method: 'vote', anonymous: 0 });
    const t: Tally = { ...tally([]), method: 'vote', ranked: null, counts: { for: 6, against: 2, abstain: 0 }, participants: 8 };
    assert.equal(shownResults(named, t, 'workspace').counts?.against?.text, '2');
    assert.equal(shownResults(named, t, 'public').counts?.against?.text, 'fewer than 5');
  });

  test('while a named decision is open, a reader sees no results until they have taken part, then the totals', () => {
    const open = decision({ method: 'vote', anonymous: 0, status: 'open', closed_at: null, outcome: null });
    const t: Tally = { ...tally([]), method: 'vote', ranked: null, counts: { for: 6, against: 2, abstain: 0 }, participants: 8 };
    const before = shownResults(open, t, 'workspace', { participated: false });
    assert.equal(before.hidden, true);
    assert.equal(before.hiddenBecause, 'take-part-first');
    assert.equal(before.counts, undefined);
    assert.equal(before.ranked, undefined);
    const after = shownResults(open, t, 'workspace', { participated: true });
    assert.equal(after.hidden, false);
    assert.equal(after.counts?.for?.text, '6');
    // Once it has closed, everyone sees it.
    assert.equal(shownResults({ ...open, status: 'closed' }, t, 'workspace', { participated: false }).hidden, false);
  });
});
