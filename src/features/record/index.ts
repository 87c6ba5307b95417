// The record feature's door: its plugin (About me, the shared record, caseloads, access, data
// rights, the FHIR Patient) and what other features may use. It owns About me, previous-name
// hashes, priorities of care, caseloads, the record and its responses, access grants, the access
// log and data-rights requests.
export { default } from './routes.ts';
export { recordNameStopped, recordProfileLoader } from './service/access.ts';
export { seedRecord } from './demo.ts';
export { getCarePriority, insertCarePriority, prioritiesWatermark, prioritySpread, updateCarePriority } from './repository.ts';
export { recordWaiting } from './service/waiting.ts';
export { ownNamesLoader } from './guard.ts';
// How a previous name is stored and matched, for the language bench to time the app's own path.
export { hashPreviousName, previousNameMatcher } from './names.ts';
export { readingNeeds } from './service/about-me.ts';
