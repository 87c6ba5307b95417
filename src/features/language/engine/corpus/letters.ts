// Clinic letters to GPs and other services: salutations, subject lines, signatures, the GP in
// every other sentence, relatives, partners and colleagues. Marks: see score.ts.

import type { CorpusCase } from './score.ts';
import { alex, bo, dan, eli, ezra, hattie, jess, kai, lior, mika, morgan, nova, priya, quinn, ren, robin, rowan, sky, theo, wren } from './cast.ts';

const sig = (name = 'Dr Ama Lee', role = 'Specialty Doctor, Gender Identity Clinic') => `\n\nYours sincerely,\n\n${name}\n${role}`;

export const letters: CorpusCase[] = [
  {
    id: 'gp-robin-clean',
    people: [robin],
    text: `Dear Dr Okafor,

Re: Robin Hale, DOB 12/03/1998, NHS number 485 777 3456

I saw Robin in clinic today for a follow-up appointment. They attended on their own and were in good spirits. They have been using oestrogen gel for six months and report no side effects.

Robin would like to continue at the current dose. I would be grateful if you could continue to prescribe. Their next blood test is due in March, and they are happy for this to be done at the practice.${sig()}
cc: Robin Hale`,
  },
  {
    id: 'gp-robin-her-plans',
    people: [robin],
    text: 'I saw Robin Hale in clinic today. Robin is a thoughtful young person and we talked about {p:her} plans for college.',
    note: 'the brief: only person in the text',
  },
  {
    id: 'gp-robin-misgendered-letter',
    people: [robin],
    text: `Dear Dr Okafor,

Re: Robin Hale, DOB 12/03/1998

Thank you for your referral. I met Robin today. {p:She} told me that {p:her} mood has been low since the summer and that {p:she} has found it hard to keep up with work.

We talked about {p:her} priorities. The GP practice has been supportive and Robin asked that we write to you directly rather than through {p:her} employer.${sig()}`,
  },
  {
    id: 'gp-ezra-his-gp',
    people: [ezra],
    text: 'Ezra attended. {p:He} described {p:his} week and said the letter to {p:his} GP had come.',
    note: 'the brief: a possessor is not the thing possessed',
  },
  {
    id: 'gp-mika-she-agreed',
    people: [mika],
    text: 'Mika came and went through the plan. {p:She} agreed that we write to the GP.',
    note: 'the brief: a person named after a pronoun is not its antecedent',
  },
  {
    id: 'gp-mika-mixed-clean',
    people: [mika],
    text: `Dear Dr Shah,

Re: Mika Tanaka

Mika attended with his partner, Jo. He told me that they have moved flats and that the move went well. Mika uses he and they; his partner was careful to use both.

He would like a referral for voice therapy. They asked me to mention that the surgery still has an old title on his record.${sig()}`,
  },
  {
    id: 'gp-robin-young-man-cataphora',
    people: [robin],
    text: 'This young {g:man} was seen today in clinic. Robin is doing well.',
    note: 'the brief: the noun before the name',
  },
  {
    id: 'gp-alex-clean-partner',
    people: [alex],
    text: `Dear Dr Patel,

Re: Ms Alex Kim

Alex came to clinic with her husband, Tom. She described feeling much more settled since starting at her new job. Tom said he has noticed that she sleeps better. They are both keen to start thinking about the next steps.

I have asked the GP practice to update her record to show her title as Ms.${sig()}`,
  },
  {
    id: 'gp-alex-he',
    people: [alex],
    text: 'Alex came to clinic alone today. {p:He} described feeling much more settled, and {p:his} sleep has improved. I will write to the GP about {p:his} hormone levels.',
  },
  {
    id: 'gp-alex-title',
    people: [alex],
    text: `Dear Dr Patel,

Re: {t:Mr} Alex Kim, DOB 04/07/1990

Alex attended on her own. She is well.${sig()}`,
  },
  {
    id: 'gp-dan-clean-mother',
    people: [dan],
    text: `Dear Dr Greene,

Re: Mr Dan Okafor

Dan attended with his mother today. She was supportive throughout and said she has seen a real change in him since he started testosterone. Dan told me his chest binding is causing some skin soreness, and he would like advice.

His mother asked whether she could come to future appointments; Dan was happy with this.${sig()}`,
  },
  {
    id: 'gp-dan-she-with-mother',
    people: [dan],
    text: 'Dan attended with his mother. {?She} said it had been a difficult month at home.',
    note: 'the pronoun fits the mother: nothing or a check is right',
  },
  {
    id: 'gp-dan-she-alone',
    people: [dan],
    text: 'Dan attended alone today. {p:She} said it had been a difficult month at home, and {p:her} GP had been helpful.',
  },
  {
    id: 'gp-dan-woman',
    people: [dan],
    text: 'Dan is a 34-year-old {g:woman} who was referred by the GP in January.',
  },
  {
    id: 'gp-kai-clean',
    people: [kai],
    text: `Dear Colleague,

Re: Kai Ndlovu

Kai was seen in clinic today. Xe uses xe/xem pronouns. Xe told me xyr mood has been stable and that xe is enjoying xyr course. Xyr GP has been supportive, and xe asked that this letter is copied to xem.${sig()}`,
  },
  {
    id: 'gp-kai-she',
    people: [kai],
    text: 'Kai was seen in clinic today. {p:She} told me {p:her} mood has been stable. I have written to {p:her} GP and copied the letter to {p:her}.',
  },
  {
    id: 'gp-kai-they-info',
    people: [kai],
    text: 'Kai was seen in clinic today. {?They} told me the new dose suits {?them}.',
    note: '"they" for a neopronoun user is at most a check',
  },
  {
    id: 'gp-ren-clean',
    people: [ren],
    text: 'Ren attended. Ze said hir new job is going well and that hir manager knows about hir transition. Ze asked us to send hir a copy.',
  },
  {
    id: 'gp-ren-him',
    people: [ren],
    text: 'Ren attended. {p:He} said {p:his} new job is going well. We will send {p:him} a copy of this letter.',
  },
  {
    id: 'gp-eli-clean',
    people: [eli],
    text: `Dear Dr Morris,

Re: Eli Brooks

Eli came with faer partner, Sam. Fae talked about faer plans for the summer. Sam said they had been reading about voice training together. Fae would like to be referred to speech and language therapy.${sig()}`,
  },
  {
    id: 'gp-eli-she',
    people: [eli],
    text: 'Eli came alone. {p:She} talked about {p:her} plans and said {p:she} would like a referral.',
  },
  {
    id: 'gp-bo-clean',
    people: [bo],
    text: 'Bo was seen today. Ey reported that eir sleep has improved. I have asked the GP to send em a copy of the blood results.',
  },
  {
    id: 'gp-bo-misgendered',
    people: [bo],
    text: 'Bo was seen today. {p:He} reported that {p:his} sleep has improved. The GP will send {p:him} the results.',
  },
  {
    id: 'gp-nova-clean',
    people: [nova],
    text: 'Nova came today. Ne said the new gel is easier to use, and we agreed to review nem in three months.',
  },
  {
    id: 'gp-nova-she',
    people: [nova],
    text: 'Nova came today. {p:She} said the new gel is easier to use, and we agreed to review {p:her} in three months.',
  },
  {
    id: 'gp-rowan-name-only-clean',
    people: [rowan],
    text: 'Rowan attended today. Rowan would like to be called by name only and asked that letters use Rowan’s name rather than pronouns. Rowan is well.',
  },
  {
    id: 'gp-rowan-he',
    people: [rowan],
    text: 'Rowan attended today. {p:He} is well and {p:his} bloods were normal.',
  },
  {
    id: 'gp-jess-clean',
    people: [jess],
    text: `Dear Dr Adeyemi,

Re: Mx Jess Ward

Jess uses she and they. She told me that work has been busy and that they are looking forward to a holiday. Her partner, Chris, came too; he was very supportive.${sig()}`,
  },
  {
    id: 'gp-jess-he',
    people: [jess],
    text: 'Jess attended alone. {p:He} said {p:his} holiday had helped.',
  },
  {
    id: 'gp-jess-title',
    people: [jess],
    text: 'Dear Dr Adeyemi,\n\nRe: {t:Miss} Jess Ward\n\nJess attended today. She is well.',
  },
  {
    id: 'gp-theo-clean-sister',
    people: [theo],
    text: 'Theo came with his sister, Anna. She had driven him from Leeds. He said his mood is much better, and Anna agreed. He would like to discuss surgery at his next appointment.',
  },
  {
    id: 'gp-theo-she-sister-ambiguous',
    people: [theo],
    text: 'Theo came with his sister. {?She} said the drive had taken three hours.',
  },
  {
    id: 'gp-theo-her-alone',
    people: [theo],
    text: 'Theo came alone this time. {p:She} said {p:her} mood is much better.',
  },
  {
    id: 'gp-theo-title-ms',
    people: [theo],
    text: 'Dear Dr Lewis,\n\nRe: {t:Ms} Theo Grant\n\nTheo was seen today.',
  },
  {
    id: 'gp-priya-clean-father',
    people: [priya],
    text: 'Priya was accompanied by her father. He said the family has been supportive. Priya said she feels safe at home and that her father has been learning about her transition.',
  },
  {
    id: 'gp-priya-he-father',
    people: [priya],
    text: 'Priya was accompanied by her father. {?He} said the family had found it hard at first.',
  },
  {
    id: 'gp-priya-his',
    people: [priya],
    text: 'Priya attended alone. {p:He} said that {p:his} family had found it hard at first.',
  },
  {
    id: 'gp-priya-man',
    people: [priya],
    text: 'Priya is a 27-year-old {g:man} who attended for review.',
  },
  {
    id: 'gp-sky-hope-clean',
    people: [sky],
    text: 'Sky attended today. I hope the new plan helps. They said they hope to return to work in the spring, and we all hope so too.',
    note: 'previous name "Hope" against "I hope"',
  },
  {
    id: 'gp-sky-hope-name',
    people: [sky],
    text: 'The referral was addressed to [[Hope Morgan]]. Sky asked that it is corrected. Hope you are well, Sky!',
  },
  {
    id: 'gp-wren-will-clean',
    people: [wren],
    text: 'Wren came today. Will you please update her record? She will bring her passport next time, and we will write to the GP.',
    note: 'previous name "Will" against "Will you…"',
  },
  {
    id: 'gp-wren-will-name',
    people: [wren],
    text: 'The hospital letter still says [[Will Evans]]. Wren asked that it is changed.',
  },
  {
    id: 'gp-quinn-any',
    people: [quinn],
    text: 'Quinn came today. She said his job is fine and they are happy. Xe asked for a copy.',
    note: 'any pronouns: none is a finding',
  },
  {
    id: 'gp-morgan-clean',
    people: [morgan],
    text: 'Morgan phoned. Ve asked for vis letter to be resent and said the GP had not received it. We will send it to ver.',
  },
  {
    id: 'gp-morgan-her',
    people: [morgan],
    text: 'Morgan phoned. {p:She} asked for {p:her} letter to be resent.',
  },
  {
    id: 'gp-lior-clean-mum',
    people: [lior],
    text: 'Lior came with their mum. She said Lior has been more confident. Lior said they feel ready to tell their grandparents.',
  },
  {
    id: 'gp-lior-she-after-mum-ambiguous',
    people: [lior],
    text: 'Lior came with their mum. {?She} said things at home are better.',
  },
  {
    id: 'gp-lior-her-plans',
    people: [lior],
    text: 'Lior came alone. We talked about {p:her} plans for university and {p:she} asked about a letter for {p:her} tutor.',
  },
  {
    id: 'gp-hattie-clean',
    people: [hattie],
    text: 'Mrs Shaw attended with her daughter. She is a 68-year-old lady who has lived as Harriet for many years. Her daughter said she has been a great support.',
  },
  {
    id: 'gp-hattie-mr',
    people: [hattie],
    text: 'Dear Dr Knight,\n\nRe: {t:Mr} Harriet Shaw\n\nHarriet attended today. She is well.',
  },
  {
    id: 'gp-hattie-gentleman',
    people: [hattie],
    text: 'Harriet Shaw is a retired {g:gentleman} who lives alone.',
  },
  {
    id: 'gp-robin-two-paragraphs-gp',
    people: [robin],
    text: `Robin attended with a letter from the GP. {p:She} said the GP had been supportive.

We discussed {p:her} mood. A copy of this letter goes to the GP, and {p:she} knows how to reach us.`,
  },
  {
    id: 'gp-robin-gp-subject-ambiguous',
    people: [robin],
    text: 'The GP referred Robin to us in May. {?She} described a long wait.',
    note: 'the GP is the subject: she could be the GP',
  },
  {
    id: 'gp-robin-reported-speech',
    people: [robin],
    text: 'The GP referred Robin to us in May. Robin told me that {p:she} has felt low since March.',
  },
  {
    id: 'gp-robin-fronted-clause',
    people: [robin],
    text: 'When {p:she} arrived, Robin was anxious, but {p:she} settled quickly.',
  },
  {
    id: 'gp-robin-mother-she',
    people: [robin],
    text: 'Robin and {p:her} mother came; {?she} said it had been a hard month.',
    note: 'the brief: she fits the mother too',
  },
  {
    id: 'gp-robin-father-he-clean',
    people: [robin],
    text: 'Robin came with their dad. He drove and waited outside. Robin said they were glad he came.',
  },
  {
    id: 'gp-robin-mr-shah',
    people: [robin],
    text: 'Robin met Mr Shah, the surgeon, last week. He explained the procedure and its risks. Robin said they would like time to think.',
  },
  {
    id: 'gp-robin-title-mr',
    people: [robin],
    text: 'Dear Dr Okafor,\n\nRe: {t:Mr} Robin Hale\n\nRobin attended today and they are well.',
  },
  {
    id: 'gp-robin-title-ms-body',
    people: [robin],
    text: 'I reviewed {t:Ms} Robin Hale in clinic today. Robin said they are well.',
  },
  {
    id: 'gp-robin-mrs-hale-mother',
    people: [robin],
    text: '{?Mrs} Hale, Robin’s mother, rang to say that Robin would be late. She said the bus had broken down.',
  },
  {
    id: 'gp-ezra-clean-long',
    people: [ezra],
    text: `Dear Dr Bell,

Re: Ezra Cole, DOB 19/11/2001

I saw Ezra today with zir partner, Amir. Ze uses ze/zir pronouns and asked that the practice records reflect this. Ze has been on a stable dose for a year and reports no problems.

Amir said he had noticed that Ezra is more relaxed. Ezra told me ze would like to start thinking about surgery. I have explained the referral process to zir.

Zir next review is in six months.${sig('Dr Ben Ellis', 'Consultant Psychiatrist')}
cc: Ezra Cole`,
  },
  {
    id: 'gp-ezra-she-with-partner',
    people: [ezra],
    text: 'Ezra came with zir partner, Amir. {p:She} said things were going well, and Amir agreed.',
    note: 'Amir is not known to use she; Ezra is the subject',
  },
  {
    id: 'gp-kai-partner-she-ambiguous',
    people: [kai],
    text: 'Kai came with xyr partner, Lucy. {?She} said they had moved in together.',
  },
  {
    id: 'gp-robin-consultant-mentioned',
    people: [robin],
    text: 'Robin has seen the endocrinologist, Dr Varga, who was happy with the results. Robin said {p:she} would like to stay on the same dose.',
  },
  {
    id: 'gp-alex-they-never',
    people: [alex],
    text: 'Alex attended with a friend. They both said the clinic was easy to find. Alex said they had been nervous; she is well.',
    note: '"they" is never a finding for a she/her person',
  },
  {
    id: 'gp-dan-him-clean-object',
    people: [dan],
    text: 'Dan asked his GP to call him. The GP did so, and Dan said she had been helpful.',
    note: '"she" is the GP (Dan uses he)',
    mustPass: true,
  },
  {
    id: 'gp-dan-discharge',
    people: [dan],
    text: `DISCHARGE SUMMARY

Name: Dan Okafor
NHS number: 943 476 5919

Dan has completed his course of treatment with the service. He was first seen in 2023. He is now under the care of his GP for hormone prescribing. {p:She} will be reviewed by the endocrine team annually.

Signed: Dr Ama Lee`,
  },
  {
    id: 'gp-theo-mr-grant-father-clean',
    people: [theo],
    text: 'Mr Grant, Theo’s father, came to the first part of the appointment. He left before we discussed the plan. Theo said he was glad his father came.',
  },
  {
    id: 'gp-priya-ms-clean',
    people: [priya],
    text: 'Dear Ms Nair,\n\nThank you for coming to see us on Tuesday. This letter is also sent to your GP.\n\nYou told us your mood has improved.',
  },
  {
    id: 'gp-robin-dear-robin',
    people: [robin],
    text: 'Dear Robin,\n\nThank you for coming to clinic. As we discussed, I will write to your GP. Your mum asked if she could call us; she is welcome to.\n\nBest wishes,\n\nAma Lee (she/her)\nSpecialty Doctor',
  },
  {
    id: 'gp-robin-dear-robin-her',
    people: [robin],
    text: 'Dear Dr Okafor,\n\nRe: Robin Hale\n\nRobin asked me to let you know that {p:her} name has changed by deed poll. Please update {p:her} records. {p:She} would also like {p:her} title changed to Mx.',
  },
  {
    id: 'gp-mika-he-they-neither-her',
    people: [mika],
    text: 'Mika was seen today. {p:Her} bloods were normal and we will see {p:her} in six months.',
  },
  {
    id: 'gp-mika-gendered-clean',
    people: [mika],
    text: 'Mika is a 29-year-old man who uses he and they. He was seen today.',
  },
];
