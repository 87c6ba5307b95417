// Held out: letters written after the engine's weights were settled, and never used to tune
// them. Scored separately (npm run bench:language) as a check on how far the main corpus's
// figures carry to text the engine has not seen. Marks: see score.ts.

import type { CorpusCase } from './score.ts';
import { alex, dan, eli, ezra, jess, kai, lior, mika, nova, priya, robin, rowan, sky, theo, wren } from './cast.ts';

export const heldOut: CorpusCase[] = [
  {
    id: 'ho-robin-review',
    people: [robin],
    text: `Dear Dr Okafor,

Re: Robin Hale

I reviewed Robin on 4 March. Robin's GP, Dr Singh, had asked us to look at the dose. Robin told me {p:she} had been getting headaches in the evenings, which Dr Singh thought might be linked.

We agreed to reduce the dose for a month. I have asked Robin to keep a diary of {p:her} headaches and to contact the practice if they worsen.

Yours sincerely,

Dr Ama Lee`,
  },
  {
    id: 'ho-robin-review-clean',
    people: [robin],
    text: 'I reviewed Robin on 4 March. Their GP, Dr Singh, had asked us to look at the dose. Robin told me they had been getting headaches, which Dr Singh thought might be linked. She suggested a diary.',
    note: 'she is Dr Singh, named just before',
  },
  {
    id: 'ho-dan-work',
    people: [dan],
    text: 'Dan works as a chef. His manager has been understanding about appointments. {p:She} said {p:she} would like evening slots where possible.',
    note: 'the manager is a possible "she"; the request is Dan’s',
    mustPass: false,
  },
  {
    id: 'ho-dan-work-alone',
    people: [dan],
    text: 'Dan works as a chef and asked for evening appointments. {p:She} said the kitchen closes at ten.',
  },
  {
    id: 'ho-alex-sister-wedding',
    people: [alex],
    text: 'Alex is going to her sister’s wedding in June. Her sister has asked her to be a bridesmaid. She is excited but anxious about seeing extended family.',
  },
  {
    id: 'ho-alex-he-wedding',
    people: [alex],
    text: 'Alex is going to a family wedding in June. {p:He} is excited but anxious about seeing extended family, some of whom have not seen {p:him} since {p:his} transition.',
  },
  {
    id: 'ho-kai-housing',
    people: [kai],
    text: 'Kai has been offered a flat by the council. Xe is moving next month. The housing officer, Mr Briggs, said he would make sure the new tenancy is in xyr current name.',
  },
  {
    id: 'ho-kai-housing-her',
    people: [kai],
    text: 'Kai has been offered a flat by the council. {p:She} is moving next month and asked us to write to {p:her} new GP.',
  },
  {
    id: 'ho-ezra-name-on-tenancy',
    people: [ezra],
    text: 'The tenancy agreement still shows [[Emily Cole]]. Ezra asked for a letter to support changing it.',
  },
  {
    id: 'ho-ezra-name-spaced',
    people: [ezra],
    text: 'Ezra showed me a message from a colleague addressed to [[E m i l y]].',
  },
  {
    id: 'ho-mika-brother',
    people: [mika],
    text: 'Mika’s brother, Kenji, has been staying with him. Kenji said he is proud of Mika. Mika said they have become closer.',
  },
  {
    id: 'ho-mika-she-after-brother',
    people: [mika],
    text: 'Mika’s brother has been staying with him. {p:She} said they have become closer.',
    note: 'the brother is "he": she can only be a slip for Mika',
  },
  {
    id: 'ho-jess-work-letter',
    people: [jess],
    text: 'To whom it may concern,\n\nJess Ward is under the care of our service. Our records had her as {t:Mr} Jess Ward, which has been corrected.',
  },
  {
    id: 'ho-theo-rugby',
    people: [theo],
    text: 'Theo has joined a rugby club. His coach knows he is trans and has been supportive. Theo is a confident young man and said he feels he belongs.',
  },
  {
    id: 'ho-theo-rugby-girl',
    people: [theo],
    text: 'Theo has joined a rugby club. Theo is a confident young {g:woman} and said {p:she} feels {p:she} belongs.',
  },
  {
    id: 'ho-priya-uni',
    people: [priya],
    text: 'Priya starts university in Leeds in October. She has registered with a GP there. Her new GP, Dr Clarke, has agreed to continue her prescription; he will need a letter from us.',
  },
  {
    id: 'ho-priya-uni-him',
    people: [priya],
    text: 'Priya starts university in Leeds in October. {p:He} has registered with a GP there and we will send {p:his} records.',
  },
  {
    id: 'ho-sky-hope-clean',
    people: [sky],
    text: 'Sky has been struggling. They said they hope things will settle once exams are over. We talked about where they can find support; I hope the college counsellor will help.',
  },
  {
    id: 'ho-sky-hope-cyrillic',
    people: [sky],
    text: 'Sky showed me a card addressed to [[\u041d\u043epe]] from an aunt.',
  },
  {
    id: 'ho-wren-will',
    people: [wren],
    text: 'Wren will be 18 in May. Will she need a new referral? We will check with the paediatric team.',
  },
  {
    id: 'ho-eli-partner-clean',
    people: [eli],
    text: 'Eli came with faer partner, Dev. Dev said he had been reading about support groups. Eli said fae would like to try one.',
  },
  {
    id: 'ho-eli-partner-he-slip',
    people: [eli],
    text: 'Eli came alone. Eli said {p:he} would like to try a support group.',
  },
  {
    id: 'ho-nova-letter',
    people: [nova],
    text: 'Dear Nova,\n\nThank you for your email. I have asked your GP to send the blood form. She said it will be ready on Friday.\n\nBest wishes,\n\nAma',
  },
  {
    id: 'ho-rowan-note',
    people: [rowan],
    text: 'Rowan seen. Rowan’s dad attended; he was supportive. Rowan said {p:she} was glad he came.',
  },
  {
    id: 'ho-lior-letter-school',
    people: [lior],
    text: `Dear Ms Green,

Re: Lior Ben-David

I am writing with Lior's permission. Lior uses the name Lior and the pronouns they/them. Please make sure that staff use {p:her} name and pronouns, and that {p:her} old name, [[Liora]], is removed from registers.

Yours sincerely,

Dr Ben Ellis`,
  },
  {
    id: 'ho-robin-father-rlo',
    people: [robin],
    text: 'Robin’s father still signs cards to [[\u202enadroJ\u202c]].',
  },
  {
    id: 'ho-alex-mdt-two',
    people: [alex, dan],
    text: 'Peer group. Alex and Dan attended. Alex said she had started a new job; Dan said {p:she} was looking for work.',
    note: 'Dan is the speaker: "she" is a slip for Dan, though Alex (she) was just mentioned',
    mustPass: false,
  },
  {
    id: 'ho-dan-alex-two-clean',
    people: [alex, dan],
    text: 'Peer group. Alex and Dan attended. Alex said she had started a new job; Dan said he was looking for work.',
  },
  {
    id: 'ho-kai-mum-her',
    people: [kai],
    text: 'Kai’s mum phoned. She asked whether Kai’s next appointment could be moved, as {?she} has exams.',
  },
  {
    id: 'ho-theo-gentleman',
    people: [theo],
    text: 'Theo is a quiet gentleman who lives with his partner.',
  },
];
