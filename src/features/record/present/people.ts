// Page data for practitioners: their caseload, a person's page, and asking for time-limited
// access. Pure.
import { formErrors, type FieldError } from '../../../platform/forms.ts';
import { GRANT_HOURS, type AccessFormValues } from '../forms/access.ts';
import { COMMUNICATION_NEEDS, pronounsText } from '../profile.ts';
import type { Caseload, PersonPage } from '../service/people.ts';
import { entryList } from './record.ts';

export function peoplePage(caseload: Caseload, q = '') {
  const people = caseload.people.map((p) => ({
    id: p.id,
    name: p.nameToUse ?? p.displayName,
    pronouns: p.pronouns ? pronounsText({ pronouns: p.pronouns, nameOnly: p.nameOnly }) : 'Not given',
    openCorrections: p.openCorrections,
    keptWarnings: p.keptWarnings,
  }));
  return { pageTitle: q ? `People matching “${q}”` : 'People', people, grants: caseload.grants, q };
}

/** What matters to them first, then the rest of About me, then a page of their record. */
export function personPage(data: PersonPage) {
  const { person, access, why, page } = data;
  return {
    pageTitle: (person.about?.nameToUse ?? person.displayName) + (page.number > 1 ? ` (record page ${page.number} of ${page.pages})` : ''),
    person,
    access,
    why,
    pronouns: pronounsText(person.about),
    needLabels: COMMUNICATION_NEEDS,
    ranked: data.priorities.filter((p) => p.rank !== null),
    protectedNames: data.protectedNames,
    ...entryList(data, (n) => `/people/${person.id}?page=${n}#record`),
  };
}

export function accessRequestPage(values: Partial<AccessFormValues>, errors: FieldError[] = []) {
  return {
    pageTitle: 'Ask for time-limited access',
    values,
    hourItems: GRANT_HOURS.map((h) => ({ value: String(h), text: h === 1 ? '1 hour' : `${h} hours`, checked: values.hours === String(h) })),
    ...formErrors(errors),
  };
}
