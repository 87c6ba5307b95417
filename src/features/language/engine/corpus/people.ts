// Letters to the person, notes about two profiled people (a couple, a group session), quoted
// and reported speech, and longer letters that mix everything. Marks: see score.ts.

import type { CorpusCase } from './score.ts';
import { alex, bo, dan, eli, ezra, jess, kai, lior, mika, morgan, nova, priya, ren, robin, rowan, sky, theo, wren } from './cast.ts';

const robinWords = { ...robin, avoid: [{ word: 'breasts', instead: ['chest'] }, { word: 'biological sex', instead: ['sex assigned at birth'] }] };
const danWords = { ...dan, avoid: [{ word: 'vagina', instead: ['front hole', 'genitals'] }] };

export const people: CorpusCase[] = [
  {
    id: 'avoid-robin-chest',
    people: [robinWords],
    text: 'Robin asked about binding. We discussed the risks to their {a:breasts} and skin, and they will try a different binder.',
  },
  {
    id: 'avoid-robin-chest-clean',
    people: [robinWords],
    text: 'Robin asked about binding. We discussed the risks to their chest and skin.',
  },
  {
    id: 'avoid-robin-phrase',
    people: [robinWords],
    text: 'The GP’s letter asks about Robin’s {a:biological sex} for the screening programme.',
  },
  {
    id: 'avoid-dan-exam',
    people: [danWords],
    text: 'Dan would like cervical screening. He prefers the word genitals; the nurse will explain the {a:vagina} examination beforehand.',
    note: 'his own word is "front hole" or "genitals"',
  },
  {
    id: 'avoid-dan-quoted',
    people: [danWords],
    text: 'Dan said, "I hate the word {?vagina}." We agreed to use front hole.',
    note: 'in his own quoted words: at most a check',
  },
  {
    id: 'to-robin-clean',
    people: [robin],
    text: `Dear Robin,

Thank you for coming to see me on Tuesday. You told me that your mood has lifted since you started your new job, and that your partner has been a great support.

As we agreed, I will write to your GP, Dr Okafor, to ask her to continue your prescription. She may want to see you for a blood test first.

Best wishes,

Ama Lee
Specialty Doctor`,
  },
  {
    id: 'to-robin-gp-she-clean',
    people: [robin],
    text: 'Dear Robin,\n\nI have written to your GP. She will arrange your blood test and will let you know the results.',
    note: 'the letter is to Robin ("you"): "she" is the GP',
  },
  {
    id: 'to-dan-clean',
    people: [dan],
    text: 'Dear Dan,\n\nThank you for coming in with your mum. She asked a lot of good questions. You said you would like to think about surgery; I have enclosed a leaflet.\n\nKind regards,\n\nDr Ben Ellis',
  },
  {
    id: 'to-alex-mixed-third-person',
    people: [alex],
    text: 'Dear Alex,\n\nThis is a copy of the letter I sent to your GP.\n\n"Alex attended on her own. {p:He} reported that things are going well at work."\n\nPlease let me know if anything is wrong.',
    note: 'a quoted copy of a letter is still the service’s own writing',
    mustPass: false,
  },
  {
    id: 'couple-robin-alex-clean',
    people: [robin, alex],
    text: 'Robin and Alex came to the couples session together. Alex said she had found the waiting difficult. Robin said they had felt the same, and that their friends had helped them both.',
  },
  {
    id: 'couple-robin-alex-she-to-robin',
    people: [robin, alex],
    text: 'Robin and Alex came together. Robin spoke first; {p:she} described the last month as hard.',
  },
  {
    id: 'couple-robin-alex-alex-he',
    people: [robin, alex],
    text: 'Robin and Alex came together. Alex spoke first; {p:he} described the last month as hard.',
  },
  {
    id: 'couple-dan-priya-clean',
    people: [dan, priya],
    text: 'Dan met Priya at the peer group. He said the group helped; she agreed with him and said she would come again.',
  },
  {
    id: 'couple-dan-priya-crossed',
    people: [dan, priya],
    text: 'Dan and Priya attended the peer group. Dan said {p:she} found it helpful. Priya said {?he} would come again.',
    note: 'Dan is the speaker of the first; the second may be Priya misgendered or Priya speaking of Dan',
  },
  {
    id: 'group-three-clean',
    people: [kai, theo, jess],
    text: 'Group session: Kai, Theo and Jess attended. Theo said he had started a new job. Kai said xe is applying to college. Jess said she and her partner are moving. They all agreed to meet again.',
  },
  {
    id: 'group-three-kai-she',
    people: [kai, theo, jess],
    text: 'Group session: Kai, Theo and Jess attended. Theo said he had started a new job. Kai said {p:she} is applying to college.',
  },
  {
    id: 'quote-robin-dad',
    people: [robin],
    text: 'Robin said, “My dad keeps saying he is proud of his daughter, but he still calls me she.” They were upset about this.',
    note: 'quoted speech is the person’s own words',
  },
  {
    id: 'quote-robin-single-quotes',
    people: [robin],
    text: 'Robin described a colleague who said \'she is just confused\' in a meeting. They have reported it to HR.',
  },
  {
    id: 'quote-dan-reported-mother',
    people: [dan],
    text: 'Dan said his mother still refers to him as her daughter at family events.',
    note: 'reported speech: "her daughter" is the mother’s word, reported, and said of Dan',
    mustPass: false,
  },
  {
    id: 'quote-ezra-pronoun-talk',
    people: [ezra],
    text: 'Ezra explained that ze uses ze/zir, and that some staff at college have been using "she" and "her" by mistake.',
  },
  {
    id: 'quote-kai-mention-pronouns',
    people: [kai],
    text: 'Kai’s pronouns are xe/xem. Xe asked that letters do not use he/him or she/her.',
  },
  {
    id: 'long-mika-mixed',
    people: [mika],
    text: `Dear Dr Shah,

Re: Mika Tanaka, DOB 22/08/1995

I saw Mika today with his partner, Jo. Mika uses he and they. Jo uses she and her.

Mika told me that he has been feeling low since his mother became unwell. His mother lives in Osaka, and he has not been able to visit. Jo said she has been worried about him; she thinks he has not been sleeping.

We talked about support. Mika would like to be referred to the counselling service at the practice. They would prefer a male counsellor if possible. {?She} also asked whether {?her} next review could be moved to the afternoon.

Yours sincerely,

Dr Ama Lee
Specialty Doctor

cc: Mika Tanaka`,
    note: 'after Jo (she), "She also asked" may be a slip for Mika or be Jo: genuinely ambiguous',
  },
  {
    id: 'long-robin-clean',
    people: [robin],
    text: `Dear Dr Okafor,

Re: Robin Hale, DOB 12/03/1998

Diagnosis: Gender incongruence (ICD-11 HA60)
Medication: Estradiol gel 2 pumps daily

Robin attended today with their partner, Marcus. Robin uses they/them pronouns. They told me that they have settled well on the current dose. Marcus said he had noticed that Robin is more relaxed. Their last bloods, taken by the practice nurse, were within the expected range.

Robin works as a teaching assistant. Their head teacher has been supportive, and the school now uses their name and pronouns. They would like a letter confirming that they are under our care; I have enclosed one.

Plan
1. Continue estradiol gel at the current dose.
2. Bloods in three months at the practice.
3. Review with us in six months.

Yours sincerely,

Dr Ama Lee
Specialty Doctor, Gender Identity Clinic

cc: Robin Hale`,
  },
  {
    id: 'long-robin-slips',
    people: [robin],
    text: `Dear Dr Okafor,

Re: Robin Hale, DOB 12/03/1998

Robin attended today with their partner, Marcus. Robin uses they/them pronouns. They told me that they have settled well on the current dose. Marcus said he had noticed that Robin is more relaxed. {p:Her} last bloods were within the expected range.

Robin works as a teaching assistant. {p:Her} head teacher has been supportive. {p:She} would like a letter confirming that {p:she} is under our care.

Yours sincerely,

Dr Ama Lee`,
  },
  {
    id: 'long-robin-slips-he-after-marcus',
    people: [robin],
    text: 'Robin attended with their partner, Marcus. Marcus said he had noticed that Robin is more relaxed. {?He} said the new job has helped.',
    note: 'he fits Marcus, who was just the subject',
  },
  {
    id: 'long-theo-mdt',
    people: [theo],
    text: `MDT minutes, 3 March

Present: Dr Lee (chair), Dr Ellis, Sam Okoro (nurse), Priti Das (psychologist)

1. Theo Grant. Dr Ellis summarised. Theo is 24 and has been with the service for two years. He is on testosterone via his GP. He has asked about chest surgery. Priti said she had seen him for four sessions and had no concerns. Agreed: refer to the surgical team. Dr Ellis will write to Theo and to {p:her} GP.`,
    mustPass: false,
    note: 'the "her" is a slip for Theo, but Priti (she) was just named: only a check',
  },
  {
    id: 'long-theo-mdt-clean',
    people: [theo],
    text: 'MDT. Theo Grant. Dr Ellis summarised. Theo is 24. He is on testosterone via his GP. Priti said she had seen him four times. Agreed: refer. Dr Ellis will write to Theo and his GP.',
  },
  {
    id: 'long-jess-referral',
    people: [jess],
    text: `Referral to Speech and Language Therapy

Name: Jess Ward
Pronouns: she/they

Jess would like help with voice feminisation. She has been practising with online resources. Their voice tires by the end of the working day; she works in a call centre. Her manager is aware of the referral.`,
  },
  {
    id: 'long-jess-referral-he',
    people: [jess],
    text: 'Referral to Speech and Language Therapy\n\nName: Jess Ward\n\nJess would like help with voice feminisation. {p:He} has been practising with online resources, and {p:his} voice tires by the end of the day.',
  },
  {
    id: 'long-kai-letter-college',
    people: [kai],
    text: 'To whom it may concern,\n\nKai Ndlovu is under the care of our service. Xe uses the name Kai and the pronouns xe/xem/xyr. Please use xyr name and pronouns in all college records.\n\nYours faithfully,\n\nDr Ben Ellis',
  },
  {
    id: 'long-kai-letter-college-her',
    people: [kai],
    text: 'To whom it may concern,\n\nKai Ndlovu is under the care of our service. Please use {p:her} name in all college records and address {p:her} as Kai.',
  },
  {
    id: 'long-ren-discharge',
    people: [ren],
    text: 'Ren has been discharged from the service at hir request. Ze is well, and hir GP will continue to prescribe. Ze knows ze can be re-referred at any time.',
  },
  {
    id: 'long-ren-discharge-his',
    people: [ren],
    text: 'Ren has been discharged from the service at {p:his} request. {p:He} is well, and {p:his} GP will continue to prescribe.',
  },
  {
    id: 'long-bo-phone',
    people: [bo],
    text: 'Phone call with Bo’s mother. She said Bo had been unwell with flu and would miss eir appointment. Bo will call us to rebook when ey is better.',
  },
  {
    id: 'long-bo-phone-him',
    people: [bo],
    text: 'Phone call with Bo’s mother. She said Bo had been unwell and would miss {p:his} appointment. Bo will call when {p:he} is better.',
  },
  {
    id: 'long-eli-mother-he',
    people: [eli],
    text: 'Eli came with faer mother. {?She} said Eli has been much happier.',
    note: 'she fits the mother',
  },
  {
    id: 'long-nova-partner-he-ambiguous',
    people: [nova],
    text: 'Nova came with a partner. {?He} works nearby.',
  },
  {
    id: 'long-morgan-sister',
    people: [morgan],
    text: 'Morgan’s sister rang. She said Morgan would be late and asked us to call ver back.',
  },
  {
    id: 'long-morgan-sister-her-ambiguous',
    people: [morgan],
    text: 'Morgan’s sister rang and asked us to call {?her} back.',
    note: '"her" fits the sister, who rang',
  },
  {
    id: 'long-rowan-letter',
    people: [rowan],
    text: 'Dear Dr Greene,\n\nRe: Rowan Price\n\nRowan asked me to explain that Rowan does not use pronouns: please use Rowan’s name in all letters. Rowan is well and would like to continue at the current dose.',
  },
  {
    id: 'long-rowan-letter-she',
    people: [rowan],
    text: 'Dear Dr Greene,\n\nRe: Rowan Price\n\nRowan is well. {p:She} would like to continue at the current dose, and {p:her} bloods are due.',
  },
  {
    id: 'long-lior-school',
    people: [lior],
    text: 'Lior’s teacher, Mr Adams, emailed. He said Lior had been doing well in class. Lior said they like Mr Adams.',
  },
  {
    id: 'long-lior-school-he-teacher',
    people: [lior],
    text: 'Lior’s teacher, Mr Adams, emailed. {?He} said things were going well.',
  },
  {
    id: 'long-priya-her-own-words',
    people: [priya],
    text: 'Priya wrote in her self-referral: "I am a woman and I have known since I was small."',
  },
  {
    id: 'long-sky-many-people',
    people: [sky],
    text: 'Sky came with their mum and their younger brother. Their mum said she had been reading about gender-affirming care; their brother said he just wanted Sky to be happy. Sky said they felt supported.',
  },
  {
    id: 'long-sky-many-people-slip',
    people: [sky],
    text: 'Sky came with their mum and their younger brother. Their mum said she had been reading about care. Sky said {?she} felt supported.',
    note: 'the mum is named as the subject of the previous sentence; Sky is the subject of this one',
  },
  {
    id: 'long-wren-clean-girl',
    people: [wren],
    text: 'Wren is a 17-year-old girl who lives with her aunt. She is doing well at sixth form.',
  },
  {
    id: 'long-dan-mr-clean',
    people: [dan],
    text: 'Dear Mr Okafor,\n\nThank you for attending. Your next appointment is on 3 June.',
  },
  {
    id: 'long-dan-ms',
    people: [dan],
    text: 'Dear {t:Ms} Okafor,\n\nThank you for attending. Your next appointment is on 3 June.',
  },
  {
    id: 'long-alex-miss',
    people: [alex],
    text: 'Letter to {t:Mr} Kim about the appointment was returned. Alex has moved.',
    mustPass: false,
    note: 'by the surname alone: Alex (she) with "Mr" is probably a relative for the engine, so only a check',
  },
  {
    id: 'long-ezra-cataphora-pronoun',
    people: [ezra],
    text: 'Before {p:he} left, Ezra asked for a copy of the letter.',
  },
  {
    id: 'long-ezra-cataphora-clean',
    people: [ezra],
    text: 'Before ze left, Ezra asked for a copy of the letter.',
  },
];
