import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { participationLevel, quorumMet, type DecisionEvidence } from './participation.ts';

const opened = '2026-11-20T10:00:00.000Z';
const before = '2026-11-10T10:00:00.000Z';
const after = '2026-11-21T10:00:00.000Z';

function evidence(overrides: Partial<DecisionEvidence>): DecisionEvidence {
  return { raisedBy: 'staff', firstGroupInputAt: null, optionsSetAt: opened, drafters: ['staff'], groupTookPart: false, groupDecided: false, ...overrides };
}

describe('participation level from evidence', () => {
  test('informing: staff raised, drafted and decided; the group gave no input at all', () => {
    assert.equal(participationLevel(evidence({})), 'informing');
  });

  test('consultation: the group first commented only after the options were set', () => {
    assert.equal(participationLevel(evidence({ firstGroupInputAt: after })), 'consultation');
  });

  test('consultation: the group only voted on options staff had already set, even with the quorum met', () => {
    assert.equal(participationLevel(evidence({ groupTookPart: true, groupDecided: true })), 'consultation');
  });

  test('engagement: the group gave input before the options were set, but staff drafted every option', () => {
    assert.equal(participationLevel(evidence({ firstGroupInputAt: before, groupTookPart: true, groupDecided: true })), 'engagement');
  });

  test('engagement: a group member raised it, but staff drafted the options and decided', () => {
    assert.equal(participationLevel(evidence({ raisedBy: 'lived-experience' })), 'engagement');
  });

  test('co-design: early input and a group-drafted option, but the quorum was not met', () => {
    assert.equal(
      participationLevel(evidence({ firstGroupInputAt: before, drafters: ['staff', 'lived-experience'], groupTookPart: true, groupDecided: false })),
      'co-design',
    );
  });

  test('co-production: raised by the group, options drafted by the group, decided with the quorum met', () => {
    assert.equal(
      participationLevel(evidence({ raisedBy: 'lived-experience', firstGroupInputAt: before, drafters: ['lived-experience'], groupTookPart: true, groupDecided: true })),
      'co-production',
    );
  });

  test('input at the very moment the options were set still counts as before', () => {
    assert.equal(participationLevel(evidence({ firstGroupInputAt: opened, drafters: ['lived-experience'], groupDecided: true, groupTookPart: true })), 'co-production');
  });

  test('a group-drafted option with group input only after the options were set is consultation, not co-design', () => {
    assert.equal(participationLevel(evidence({ firstGroupInputAt: after, drafters: ['lived-experience'] })), 'consultation');
  });
});

describe('lived-experience quorum', () => {
  test('needs both the minimum number of group members and the share of those deciding', () => {
    assert.equal(quorumMet({ groupDeciders: 3, allDeciders: 6, minGroup: 3, minSharePercent: 50 }), true);
    assert.equal(quorumMet({ groupDeciders: 3, allDeciders: 7, minGroup: 3, minSharePercent: 50 }), false);
    assert.equal(quorumMet({ groupDeciders: 2, allDeciders: 2, minGroup: 3, minSharePercent: 50 }), false);
    assert.equal(quorumMet({ groupDeciders: 0, allDeciders: 0, minGroup: 0, minSharePercent: 0 }), false);
  });
});
