// The bulk reading of decision levels for /insights must agree with the coproduction feature's
// own, one-decision-at-a-time reading, on every rung of the ladder.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { anAccount, forEachDialect } from '../../../test/helpers.ts';
import { addEvent, insertDecision, insertOption, insertParticipant, insertProposal } from './repository/index.ts';
import { closedDecisionLevels, decisionLevels } from './service/levels.ts';

forEachDialect('decision levels for insight', (ctx) => {
  test('agree with the coproduction feature for every rung, and count only closed decisions', async () => {
    const member = await anAccount(ctx.db, { roles: ['group'] });
    const staff = await anAccount(ctx.db, { roles: ['practitioner'] });
    const t = (day: number) => `2026-10-${String(day).padStart(2, '0')}T10:00:00.000Z`;
    type Origin = 'lived-experience' | 'staff';
    const make = async (c: { raisedBy: Origin; groupCommentDay?: number; optionBy?: Origin; optionDay?: number; groupVotes?: boolean; quorum?: boolean; open?: boolean }) => {
      const author = c.raisedBy === 'lived-experience' ? member.id : staff.id;
      const proposalId = await insertProposal(ctx.db, { title: 'P', problem: 'x', affects: 'y', idea: 'z', area: 'other', origin: c.raisedBy, author_id: author, stage: 'decision', not_adopted_reason: null, at: t(1) });
      await addEvent(ctx.db, { proposalId, at: t(1), actorId: author, actorOrigin: c.raisedBy, kind: 'raised' });
      if (c.groupCommentDay) await addEvent(ctx.db, { proposalId, at: t(c.groupCommentDay), actorId: member.id, actorOrigin: 'lived-experience', kind: 'comment' });
      if (c.optionBy) await insertOption(ctx.db, { proposal_id: proposalId, title: 'O', description: 'd', drafted_by: c.optionBy === 'staff' ? staff.id : member.id, drafter_origin: c.optionBy, created_at: t(c.optionDay ?? 5) });
      const decisionId = await insertDecision(ctx.db, {
        proposal_id: proposalId, method: 'vote', question: 'Q', anonymous: 0, public: 1, document_version_id: null, status: c.open ? 'open' : 'closed', opened_by: staff.id, opened_at: t(10),
        closed_by: c.open ? null : staff.id, closed_at: c.open ? null : t(12), outcome: c.open ? null : 'adopted', chosen_option_id: null, summary: null, quorum_min_group: 3, quorum_min_share_percent: 50,
        quorum_met: c.open ? null : c.quorum ? 1 : 0, decider_id: null, claimed_level: null, computed_level: null,
      });
      if (c.groupVotes) await insertParticipant(ctx.db, { decision_id: decisionId, account_id: member.id, origin: 'lived-experience', at: t(11) });
      await insertParticipant(ctx.db, { decision_id: decisionId, account_id: staff.id, origin: 'staff', at: t(11) });
      return decisionId;
    };
    const expected = new Map<string, string>([
      [await make({ raisedBy: 'staff' }), 'informing'],
      [await make({ raisedBy: 'staff', groupVotes: true }), 'consultation'],
      [await make({ raisedBy: 'staff', groupCommentDay: 11 }), 'consultation'],
      [await make({ raisedBy: 'staff', groupCommentDay: 3, optionBy: 'staff' }), 'engagement'],
      [await make({ raisedBy: 'lived-experience', optionBy: 'lived-experience', optionDay: 12 }), 'engagement'],
      [await make({ raisedBy: 'staff', groupCommentDay: 2, optionBy: 'lived-experience', groupVotes: true }), 'co-design'],
      [await make({ raisedBy: 'lived-experience', optionBy: 'lived-experience', groupVotes: true, quorum: true }), 'co-production'],
    ]);
    const open = await make({ raisedBy: 'lived-experience', open: true });

    const bulk = await closedDecisionLevels(ctx.db);
    const reference = await decisionLevels(ctx.db, { closedOnly: true });
    assert.equal(bulk.length, 7);
    assert.ok(!bulk.some((d) => d.decisionId === open));
    for (const d of bulk) {
      assert.equal(d.level, expected.get(d.decisionId), `decision expected ${expected.get(d.decisionId)}`);
      const ref = reference.find((r) => r.decisionId === d.decisionId);
      assert.equal(d.level, ref?.level);
      assert.equal(d.groupInputBeforeOptions, ref?.groupInputBeforeOptions);
    }
  });
});
