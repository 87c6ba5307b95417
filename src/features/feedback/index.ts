// The feedback feature's door: its plugin (feedback, themes, moderation, actions, replies and
// the public "You said, we did") and what other features may use. It owns every feedback_* table.
export { default } from './routes.ts';
export { seedFeedback } from './demo.ts';
export { deidentify } from './deidentify.ts';
export { feedbackFigures, feedbackWatermark, medianDays } from './service/measures.ts';
