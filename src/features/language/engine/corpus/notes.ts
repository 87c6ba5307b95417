// Clinic notes, telephone notes and MDT entries: short, in note style, often without the name,
// with relatives, partners, the GP and other staff. Marks: see score.ts.

import type { CorpusCase } from './score.ts';
import { alex, bo, dan, eli, ezra, hattie, jess, kai, lior, mika, morgan, nova, priya, quinn, ren, robin, rowan, sky, theo, wren } from './cast.ts';

export const notes: CorpusCase[] = [
  {
    id: 'note-robin-soap-clean',
    people: [robin],
    text: `S: Robin reports feeling more settled. Sleeping 7 hours. Mood 7/10.
O: Bright, good eye contact. BP 118/76.
A: Stable on current dose.
P: Continue. Bloods in 3 months via GP. Robin to contact us if they have any concerns.`,
  },
  {
    id: 'note-robin-soap-she',
    people: [robin],
    text: `S: Reports feeling more settled. {p:She} is sleeping 7 hours.
O: Bright, good eye contact.
P: Continue. Bloods via GP; {p:she} will book.`,
  },
  {
    id: 'note-robin-phone-clean',
    people: [robin],
    text: 'Telephone call from Robin. They asked whether their next appointment could be moved. Rebooked for 14/05. They were happy with this.',
  },
  {
    id: 'note-robin-phone-him',
    people: [robin],
    text: 'Telephone call from Robin, who asked to move the next appointment. Rebooked for 14/05 and I told {p:him} a letter would follow.',
  },
  {
    id: 'note-robin-partner-he-clean',
    people: [robin],
    text: 'Seen with partner, Marcus. He works nights and came straight from work. Robin said they feel well supported.',
  },
  {
    id: 'note-robin-partner-he-ambiguous',
    people: [robin],
    text: 'Seen with partner. {?He} said the last month had been difficult.',
    note: 'the partner is of unknown gender: he could be theirs',
  },
  {
    id: 'note-robin-boy',
    people: [robin],
    text: 'Robin is a bright 19-year-old {g:boy} who enjoys climbing.',
  },
  {
    id: 'note-robin-lad',
    people: [robin],
    text: 'Robin attended with dad. Pleasant {?lad}, engaged well.',
    note: 'note style: "pleasant lad" with no determiner could be either',
  },
  {
    id: 'note-robin-daughter',
    people: [robin],
    text: 'Robin’s mother rang. She wanted to know how her {g:daughter} Robin was getting on.',
  },
  {
    id: 'note-dan-clean-many',
    people: [dan],
    text: 'Dan seen. He reports less dysphoria since top surgery. His wife, Grace, attended; she is a nurse and has been helping with his wound care. He is pleased with the result.',
  },
  {
    id: 'note-dan-her-wound',
    people: [dan],
    text: 'Dan seen alone. Reports less dysphoria since surgery. We checked {p:her} wound, which is healing well, and gave {p:her} a leaflet.',
  },
  {
    id: 'note-dan-wife-she-clean',
    people: [dan],
    text: 'Dan came with his wife. She asked about the recovery time. Dan said he would like to go back to work in June.',
  },
  {
    id: 'note-dan-miss',
    people: [dan],
    text: 'Letter sent to {t:Miss} Dan Okafor confirming the date.',
  },
  {
    id: 'note-alex-mdt',
    people: [alex],
    text: 'MDT discussion. Alex is on the waiting list for surgery. The surgeon, Mr Hughes, has reviewed her notes; he is happy to proceed. She has been told.',
  },
  {
    id: 'note-alex-mdt-he',
    people: [alex],
    text: 'MDT discussion. Alex is on the waiting list for surgery. {p:He} has been told about the delay, and {p:his} GP has been informed.',
  },
  {
    id: 'note-alex-him-surgeon',
    people: [alex],
    text: 'Alex met the surgeon, Mr Hughes. {?He} explained the procedure.',
    note: 'he fits the surgeon, who was just named with Mr',
  },
  {
    id: 'note-kai-clean',
    people: [kai],
    text: 'Kai seen. Xe is well. Xyr mum and dad came. They are supportive. Xe asked about a letter for xyr college.',
  },
  {
    id: 'note-kai-his',
    people: [kai],
    text: 'Kai seen alone. {p:He} is well and asked about a letter for {p:his} college.',
  },
  {
    id: 'note-kai-mum-she',
    people: [kai],
    text: 'Kai came with xyr mum. {?She} asked about the waiting list.',
  },
  {
    id: 'note-ezra-clean',
    people: [ezra],
    text: 'Ezra phoned to say ze would be late. Ze arrived at 10:20. Seen by the nurse; zir bloods were taken.',
  },
  {
    id: 'note-ezra-her-bloods',
    people: [ezra],
    text: 'Ezra phoned to say {p:she} would be late. Seen by the nurse; {p:her} bloods were taken.',
  },
  {
    id: 'note-ezra-nurse-she-ambiguous',
    people: [ezra],
    text: 'Ezra was seen by the nurse, Kate. {?She} took bloods.',
  },
  {
    id: 'note-mika-clean',
    people: [mika],
    text: 'Mika attended. He says the voice therapy is helping and they would like more sessions. His therapist will write to us.',
  },
  {
    id: 'note-mika-herself',
    people: [mika],
    text: 'Mika attended. Mika described {p:herself} as more confident.',
  },
  {
    id: 'note-mika-girl',
    people: [mika],
    text: 'Mika is a quiet {g:girl} who attended with a friend.',
  },
  {
    id: 'note-jess-clean',
    people: [jess],
    text: 'Jess came with her brother. He is visiting from Glasgow. Jess said they had a good week and she is enjoying her new role.',
  },
  {
    id: 'note-jess-him',
    people: [jess],
    text: 'Jess came alone. Said the new role is going well. I asked {p:him} about sleep.',
  },
  {
    id: 'note-theo-clean',
    people: [theo],
    text: 'Theo seen. He has started a new job at a garage. His manager knows about his transition and has been supportive. He asked for a fit note.',
  },
  {
    id: 'note-theo-she-manager-ambiguous',
    people: [theo],
    text: 'Theo’s manager rang to check the appointment time. {?She} said Theo would be late.',
    note: 'the manager is the subject: she is probably the manager',
  },
  {
    id: 'note-theo-her-job',
    people: [theo],
    text: 'Theo seen. {p:She} has started a new job and {p:her} manager has been supportive.',
  },
  {
    id: 'note-theo-lady',
    people: [theo],
    text: 'Theo is a pleasant young {g:lady} who attended on time.',
  },
  {
    id: 'note-priya-clean',
    people: [priya],
    text: 'Priya seen with her girlfriend. Priya says she is happy on the current dose. Her girlfriend asked if she could stay for the appointment; Priya agreed.',
  },
  {
    id: 'note-priya-he',
    people: [priya],
    text: 'Priya seen alone. {p:He} says {p:he} is happy on the current dose.',
  },
  {
    id: 'note-priya-son',
    people: [priya],
    text: 'Priya’s father says his {?son} is doing well at work.',
    note: 'his son is probably Priya, but a brother is possible: the engine cannot know',
  },
  {
    id: 'note-eli-clean',
    people: [eli],
    text: 'Eli seen. Fae said faer sleep has improved and fae is back at the gym. Faer sister is staying with faer.',
  },
  {
    id: 'note-eli-his',
    people: [eli],
    text: 'Eli seen. {p:He} said {p:his} sleep has improved.',
  },
  {
    id: 'note-bo-clean',
    people: [bo],
    text: 'Bo rang. Ey had a question about eir prescription. The pharmacist had told em to call us.',
  },
  {
    id: 'note-bo-her',
    people: [bo],
    text: 'Bo rang about a prescription. The pharmacist had told {p:her} to call us.',
  },
  {
    id: 'note-nova-clean',
    people: [nova],
    text: 'Nova seen. Ne is well and would like to reduce the frequency of appointments. We agreed to see nem in six months.',
  },
  {
    id: 'note-nova-him',
    people: [nova],
    text: 'Nova seen. Well. We agreed to see {p:him} in six months.',
  },
  {
    id: 'note-rowan-clean',
    people: [rowan],
    text: 'Rowan seen. Rowan is well. Rowan’s sister came too; she was very supportive.',
  },
  {
    id: 'note-rowan-she-sister-ambiguous',
    people: [rowan],
    text: 'Rowan came with a sister. {?She} was very supportive.',
  },
  {
    id: 'note-rowan-they',
    people: [rowan],
    text: 'Rowan seen. {?They} are well.',
    note: 'name only: "they" is not what Rowan asked for, but "they" is at most a check (it is also plural)',
  },
  {
    id: 'note-sky-clean',
    people: [sky],
    text: 'Sky attended. They hope to start university in September. Their GP has agreed to take over prescribing.',
  },
  {
    id: 'note-sky-her',
    people: [sky],
    text: 'Sky attended. {p:She} hopes to start university in September.',
  },
  {
    id: 'note-wren-clean',
    people: [wren],
    text: 'Wren attended with her aunt. She will be 18 next month. Her aunt will bring her to future appointments.',
  },
  {
    id: 'note-wren-he',
    people: [wren],
    text: 'Wren attended alone. {p:He} will be 18 next month.',
  },
  {
    id: 'note-wren-young-man',
    people: [wren],
    text: 'Wren is a polite young {g:man} who is doing well.',
  },
  {
    id: 'note-quinn-any',
    people: [quinn],
    text: 'Quinn seen. He is well; she said her week was busy; they will call us.',
  },
  {
    id: 'note-morgan-clean',
    people: [morgan],
    text: 'Morgan seen. Ve is well. Vis partner came along and asked about support groups. We gave ver a leaflet.',
  },
  {
    id: 'note-morgan-him',
    people: [morgan],
    text: 'Morgan seen. {p:He} is well. We gave {p:him} a leaflet.',
  },
  {
    id: 'note-lior-clean',
    people: [lior],
    text: 'Lior seen with their brother. He has been learning to use their name. Lior said they feel more accepted at home.',
  },
  {
    id: 'note-lior-him',
    people: [lior],
    text: 'Lior seen alone. Reports feeling more accepted at home. I reminded {p:him} how to contact the duty worker.',
  },
  {
    id: 'note-hattie-clean',
    people: [hattie],
    text: 'Harriet seen. She is 71 and lives alone. Her son visits weekly; he helps with shopping.',
  },
  {
    id: 'note-hattie-him',
    people: [hattie],
    text: 'Harriet seen. {p:He} is 71 and lives alone.',
  },
  {
    id: 'note-ren-clean',
    people: [ren],
    text: 'Ren seen with hir flatmate. Ze said hir flatmate has been a great help. Ze would like a referral to the voice clinic.',
  },
  {
    id: 'note-ren-she',
    people: [ren],
    text: 'Ren seen. {p:She} would like a referral to the voice clinic.',
  },
  {
    id: 'note-robin-gp-every-sentence',
    people: [robin],
    text: `Robin seen. Discussed the GP’s concerns about {p:her} blood pressure. {p:She} agreed to a 24-hour monitor, which the GP will arrange. The GP also asked about smoking; Robin stopped in January.

Plan: letter to the GP; {p:she} will see the practice nurse next week.`,
  },
  {
    id: 'note-robin-gp-clean',
    people: [robin],
    text: 'Robin seen. Discussed the GP’s concerns about their blood pressure. They agreed to a 24-hour monitor, which the GP will arrange. Robin will see the practice nurse next week.',
  },
  {
    id: 'note-dan-nurse-she',
    people: [dan],
    text: 'Dan saw the practice nurse last week. {?She} said his injection site looked fine.',
    note: 'the nurse probably: she is not Dan’s',
  },
  {
    id: 'note-alex-reflexive-mother',
    people: [alex],
    text: 'Alex said her mother blames herself for the years of silence.',
  },
  {
    id: 'note-alex-himself',
    people: [alex],
    text: 'Alex said {p:he} blames {p:himself} for the years of silence.',
  },
  {
    id: 'note-robin-asked-him',
    people: [robin],
    text: 'Robin asked him to wait in the car.',
    note: 'an object right after the subject is someone else',
  },
  {
    id: 'note-robin-the-patient',
    people: [robin],
    text: 'The patient attended on time. {p:He} was calm and engaged.',
  },
  {
    id: 'note-robin-service-user',
    people: [robin],
    text: 'The service user was seen in clinic. {p:Her} mood was stable.',
  },
  {
    id: 'note-robin-man-called',
    people: [robin],
    text: 'A young {g:man} called Robin rang the duty line.',
  },
  {
    id: 'note-robin-gentleman-other',
    people: [robin],
    text: 'Robin came with a gentleman from the housing team. The gentleman explained the tenancy.',
  },
  {
    id: 'note-robin-young-woman-back',
    people: [robin],
    text: 'Robin attended alone. The young {g:woman} was articulate about the plan.',
  },
];
