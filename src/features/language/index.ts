// The language feature's door: its plugin (the public guide, the check page and the check API)
// and what other features may use to check writing. It owns the language guide's entries and
// the log of checks. The engine itself has a second door, `engine/index.ts` (pure, no I/O).
export { default, type NameStopped, type ProfileLoader } from './routes.ts';
export { NAME_STOP_LIMIT, SEVERITY_LABELS, checkText, countWords, currentGuide, namePositionsWithheld, recordNameStop, withholdNamePositions } from './service.ts';
export { checkTotals, checksWatermark, entryToRow, getGuideEntryRow, insertGuideEntryRow, logLanguageCheck, seedGuideIfEmpty, updateGuideEntryRow, type CheckTotals } from './repository.ts';
export { languageGuide } from './guide-data.ts';
export { runLint } from './lint-command.ts';
export { riskMatches, suggestsRisk } from './risk.ts';
export { MY_PREVIOUS_NAME, OWN_NAME_MESSAGE, OwnPreviousName, guardOwnWords, provideOwnNames, type OwnNamesLoader } from './own-words.ts';
export { seedLanguage } from './demo.ts';
