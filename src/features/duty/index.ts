// The duty feature's door: its plugin (the duty queue) and what other features and the server's
// jobs use: raising a disclosure, how a source's items stand, and escalation. It owns `duty_alerts`.
export { default } from './routes.ts';
export { countOpenAlerts, dutyStates, escalateOverdueAlerts, raiseDutyAlert, type Disclosure, type SourceState } from './service.ts';
export type { DutySource } from './tables.ts';
export { dutyWaiting } from './waiting.ts';
