// The coproduction feature's door: its plugin (proposals, decisions, documents and the publish
// gate, meetings, updates by mail, public pages and decisions) and what other features may use.
// It owns every coproduction_* table.
export { default } from './routes.ts';
export { seedCoproduction } from './demo.ts';
export { sendDigests } from './service/digests.ts';
export { runDecisionClock } from './service/decision-clock.ts';
export { LEVELS, LEVEL_LABELS, participationLevel, type DecisionEvidence, type Origin, type ParticipationLevel } from './participation.ts';
export { activeMembers, figuresWatermark, staffResponseRate } from './service/figures.ts';
export { raiseProposal } from './service/proposals.ts';
export { closedDecisionLevels, type DecisionLevelSummary } from './service/levels.ts';
export { coproductionWaiting } from './service/waiting.ts';
