// The people the corpus letters are about. Invented; any likeness is chance.

import type { PersonProfile } from '../types.ts';

export const robin: PersonProfile = { name: 'Robin Hale', title: 'Mx', pronouns: ['they/them'], genderWords: ['person'], previousNames: ['Jordan Hale'] };
export const ezra: PersonProfile = { name: 'Ezra Cole', pronouns: ['ze/zir'], genderWords: ['person'], previousNames: ['Emily Cole'] };
export const mika: PersonProfile = { name: 'Mika Tanaka', pronouns: ['he/they'], genderWords: ['man', 'person'], previousNames: ['Misaki Tanaka'] };
export const alex: PersonProfile = { name: 'Alex Kim', title: 'Ms', pronouns: ['she/her'], genderWords: ['woman'], previousNames: ['Daniel Kim'] };
export const dan: PersonProfile = { name: 'Dan Okafor', title: 'Mr', pronouns: ['he/him'], genderWords: ['man'], previousNames: ['Danielle Okafor'] };
export const kai: PersonProfile = { name: 'Kai Ndlovu', pronouns: ['xe/xem'], genderWords: ['person'], previousNames: ['Katherine Ndlovu'] };
export const ren: PersonProfile = { name: 'Ren Ito', pronouns: ['ze/hir'], previousNames: ['Renata Ito'] };
export const eli: PersonProfile = { name: 'Eli Brooks', pronouns: ['fae/faer'], genderWords: ['person'], previousNames: ['Elijah Brooks'] };
export const bo: PersonProfile = { name: 'Bo Lindqvist', pronouns: ['ey/em'], previousNames: ['Bobby Lindqvist'] };
export const nova: PersonProfile = { name: 'Nova Reyes', pronouns: ['ne/nem'], previousNames: ['Natalia Reyes'] };
export const rowan: PersonProfile = { name: 'Rowan Price', pronouns: [], previousNames: ['Robert Price'] };
export const jess: PersonProfile = { name: 'Jess Ward', title: 'Mx', pronouns: ['she/they'], genderWords: ['woman', 'person'], previousNames: ['James Ward'] };
export const theo: PersonProfile = { name: 'Theo Grant', title: 'Mr', pronouns: ['he/him'], genderWords: ['man'], previousNames: ['Thea Grant'] };
export const priya: PersonProfile = { name: 'Priya Nair', title: 'Ms', pronouns: ['she/her'], genderWords: ['woman'], previousNames: ['Pranav Nair'] };
export const sky: PersonProfile = { name: 'Sky Morgan', pronouns: ['they/them'], genderWords: ['person'], previousNames: ['Hope Morgan'] };
export const wren: PersonProfile = { name: 'Wren Evans', title: 'Miss', pronouns: ['she/her'], genderWords: ['woman', 'girl'], previousNames: ['Will Evans'] };
export const quinn: PersonProfile = { name: 'Quinn O’Neill', pronouns: ['any'], previousNames: ['Kathleen O’Neill'] };
export const morgan: PersonProfile = { name: 'Morgan Blake', pronouns: ['ve/ver'], previousNames: ['Megan Blake'] };
export const lior: PersonProfile = { name: 'Lior Ben-David', pronouns: ['they/them'], genderWords: ['person'], previousNames: ['Liora Ben-David'] };
export const hattie: PersonProfile = { name: 'Harriet Shaw', title: 'Mrs', pronouns: ['she/her'], genderWords: ['woman', 'lady'], previousNames: ['Harry Shaw'] };
