// Previous names in letters and notes: plain, possessive, in subject lines and signatures,
// inside links and code, and in the spellings a security review found getting through (look-
// alike letters, invisible and bidirectional controls, letters spaced out, a hyphenated line
// break, a stray "s"). And everyday words that share letters with a name, which must stay clean.

import type { CorpusCase } from './score.ts';
import { alex, dan, eli, ezra, hattie, jess, kai, lior, mika, nova, priya, quinn, robin, rowan, sky, theo, wren } from './cast.ts';

export const names: CorpusCase[] = [
  {
    id: 'name-robin-plain',
    people: [robin],
    text: 'The referral from the GP was made under the name [[Jordan Hale]]. Robin asked that this is corrected on our system.',
  },
  {
    id: 'name-robin-first-only',
    people: [robin],
    text: 'Robin said their family still call them [[Jordan]] at times, which they find upsetting.',
  },
  {
    id: 'name-robin-possessive',
    people: [robin],
    text: 'Old letters in [[Jordan]]’s file were removed. Hale is still Robin’s surname.',
  },
  {
    id: 'name-robin-subject-line',
    people: [robin],
    text: 'Dear Dr Okafor,\n\nRe: Robin Hale (formerly [[Jordan Hale]]), DOB 12/03/1998\n\nRobin attended today.',
  },
  {
    id: 'name-robin-cyrillic',
    people: [robin],
    text: 'Records for [[J\u043erd\u0430n Hale]] were merged.',
    note: 'Cyrillic о and а: the whole previous name',
  },
  {
    id: 'name-robin-greek-omicron',
    people: [robin],
    text: 'Records for [[J\u03bfrd\u03b1n Hale]] were merged.',
  },
  {
    id: 'name-robin-fullwidth',
    people: [robin],
    text: 'Old label: [[\uff2a\uff2f\uff32\uff24\uff21\uff2e]].',
  },
  {
    id: 'name-robin-zero-width',
    people: [robin],
    text: 'Letter addressed to [[Jor\u200bdan]] in error.',
  },
  {
    id: 'name-robin-rlo',
    people: [robin],
    text: 'Letter addressed to [[\u202enadroJ\u202c]] in error.',
  },
  {
    id: 'name-robin-spaced',
    people: [robin],
    text: 'Robin said people at work still write [[J o r d a n]] on the rota.',
  },
  {
    id: 'name-robin-dotted',
    people: [robin],
    text: 'Email signature still reads [[J.o.r.d.a.n H]].',
    note: 'the initial joins the run of letters: blocked whole, neutrally',
  },
  {
    id: 'name-robin-hyphens',
    people: [robin],
    text: 'Name on the form: [[J-o-r-d-a-n]].',
  },
  {
    id: 'name-robin-line-break',
    people: [robin],
    text: 'The old prescription label reads [[Jor-\ndan Hale]], which the pharmacy will change.',
  },
  {
    id: 'name-robin-stray-s',
    people: [robin],
    text: 'We have found [[Jordans]] records from the previous clinic.',
  },
  {
    id: 'name-robin-stray-s-surname',
    people: [robin],
    text: 'Scanned: [[Jordan Hales]] referral letter.',
  },
  {
    id: 'name-robin-partial-run',
    people: [robin],
    text: 'Reference code: [[x J o r d a n 2]].',
    note: 'letters spelled out that only partly match: blocked neutrally',
  },
  {
    id: 'name-robin-link',
    people: [robin],
    text: 'See <a href="https://records.example.nhs.uk/[[jordan-hale]]">the old record</a>.',
  },
  {
    id: 'name-robin-code',
    people: [robin],
    text: 'The system field `legacy_name` still holds `[[jordan_hale]]`.',
  },
  {
    id: 'name-robin-email',
    people: [robin],
    text: 'Please stop using [[jordan.hale]]@example.org for appointment reminders.',
  },
  {
    id: 'name-robin-quoted',
    people: [robin],
    text: 'Robin said, “My dad still calls me [[Jordan]] when he is angry.”',
  },
  {
    id: 'name-robin-hale-clean',
    people: [robin],
    text: 'Mx Hale attended. Robin Hale’s address has changed. Hale Road surgery has the new details.',
    note: 'the surname kept is never a previous name',
  },
  {
    id: 'name-robin-jordanian-clean',
    people: [robin],
    text: 'Robin’s partner is Jordanian and they travelled to the River [[Jordan]] last year.',
    note: 'by design: the name as a word is blocked wherever it stands (the writer can rephrase); "Jordanian" is another word',
  },
  {
    id: 'name-ezra-emily',
    people: [ezra],
    text: 'Ezra’s old bank card still says [[Emily]]. Ze has asked the bank to change it.',
  },
  {
    id: 'name-ezra-emily-cole',
    people: [ezra],
    text: 'The hospital letter was addressed to Miss [[Emily Cole]].',
    note: 'Ezra’s profile gives no title: no judgement on "Miss"',
  },
  {
    id: 'name-ezra-emily-armenian',
    people: [ezra],
    text: 'Label printed as [[Em\u0456ly]] on the wristband.',
  },
  {
    id: 'name-mika-misaki',
    people: [mika],
    text: 'Mika’s school records still show [[Misaki]]. He would like a letter to help change them.',
  },
  {
    id: 'name-mika-misaki-spaced-dots',
    people: [mika],
    text: 'Written on the form as [[M. I. S. A. K. I]] by a receptionist.',
  },
  {
    id: 'name-alex-daniel',
    people: [alex],
    text: 'Alex’s passport was issued as [[Daniel Kim]]. She has applied for a new one.',
  },
  {
    id: 'name-alex-daniel-cyrillic-caps',
    people: [alex],
    text: 'Printed as [[D\u0410NIEL]] on the wristband.',
  },
  {
    id: 'name-alex-danielle-clean',
    people: [alex],
    text: 'Alex’s sister, Danielle, came too. She was supportive.',
    note: 'a different name that starts with the previous one',
  },
  {
    id: 'name-dan-danielle',
    people: [dan],
    text: 'The GP’s letter said [[Danielle]] throughout. Dan asked us to write to the practice.',
  },
  {
    id: 'name-dan-danielle-s',
    people: [dan],
    text: 'We shredded [[Danielles]] old forms.',
  },
  {
    id: 'name-dan-dan-clean',
    people: [dan],
    text: 'Dan and his friend Dani came. Daniel, the nurse, took bloods.',
    note: 'names that share letters with the previous name',
  },
  {
    id: 'name-kai-katherine',
    people: [kai],
    text: 'Kai’s college still uses [[Katherine]] on the register. Xe has asked them to change it.',
  },
  {
    id: 'name-kai-kate-clean',
    people: [kai],
    text: 'Kai was seen by Kate, the nurse. Kath from reception booked the next appointment.',
  },
  {
    id: 'name-eli-elijah',
    people: [eli],
    text: 'Eli’s name was changed from [[Elijah]] by deed poll in 2022.',
  },
  {
    id: 'name-eli-elijah-soft-hyphen',
    people: [eli],
    text: 'Scanned letter: [[Eli\u00adjah Brooks]].',
  },
  {
    id: 'name-eli-current-clean',
    people: [eli],
    text: 'Eli Brooks attended. Eli’s mum is also called Eli.',
  },
  {
    id: 'name-nova-natalia',
    people: [nova],
    text: 'Nova’s records at the dentist still say [[Natalia]].',
  },
  {
    id: 'name-rowan-robert',
    people: [rowan],
    text: 'Rowan’s bank statements are still addressed to [[Robert Price]].',
  },
  {
    id: 'name-rowan-rob-clean',
    people: [rowan],
    text: 'Rowan saw Rob from the housing team and Roberta from benefits.',
  },
  {
    id: 'name-jess-james',
    people: [jess],
    text: 'Jess’s manager used [[James]] in an email. She has raised it with HR.',
  },
  {
    id: 'name-jess-james-math',
    people: [jess],
    text: 'Display name: [[\u{1d409}\u{1d41a}\u{1d426}\u{1d41e}\u{1d42c}]].',
  },
  {
    id: 'name-jess-jamie-clean',
    people: [jess],
    text: 'Jess was seen by Jamie, the nurse specialist. St [[James]]’s Hospital sent the results.',
    note: 'by design: "James" is blocked even in a hospital’s name; Jamie is another name',
  },
  {
    id: 'name-theo-thea',
    people: [theo],
    text: 'Theo’s old NHS letters say [[Thea Grant]]. His GP will update them.',
  },
  {
    id: 'name-theo-thea-invisible',
    people: [theo],
    text: 'Theo’s old letters say [[T\u2060h\u2060e\u2060a]].',
  },
  {
    id: 'name-theo-theatre-clean',
    people: [theo],
    text: 'Theo works in theatre lighting; the theatre is near the hospital.',
  },
  {
    id: 'name-priya-pranav',
    people: [priya],
    text: 'A letter to [[Pranav]] arrived from the hospital. Priya asked us to contact them.',
  },
  {
    id: 'name-priya-pranav-leet',
    people: [priya],
    text: 'The clinic portal shows [[Pr4nav]] as the account name.',
  },
  {
    id: 'name-sky-hope-everyday',
    people: [sky],
    text: 'Sky said they hope to move in the summer. Hope you are well, Sky. There is hope.',
    note: 'the everyday word is never the name',
  },
  {
    id: 'name-sky-hope-mid-sentence',
    people: [sky],
    text: 'The ward list still says [[Hope]] for Sky.',
  },
  {
    id: 'name-wren-will-everyday',
    people: [wren],
    text: 'Will you send Wren the leaflet? She will read it. Willpower is not the issue.',
  },
  {
    id: 'name-wren-will-name',
    people: [wren],
    text: 'Wren’s grandmother still calls her [[Will]] sometimes.',
  },
  {
    id: 'name-wren-will-evans-spaced',
    people: [wren],
    text: 'Label: [[W i l l Evans]].',
  },
  {
    id: 'name-quinn-kathleen',
    people: [quinn],
    text: 'Quinn O’Neill attended. The scan request said [[Kathleen O’Neill]].',
  },
  {
    id: 'name-quinn-oneill-clean',
    people: [quinn],
    text: 'Quinn O’Neill attended. O’Neill is Quinn’s surname.',
  },
  {
    id: 'name-lior-liora',
    people: [lior],
    text: 'Lior’s prescription was issued to [[Liora Ben-David]] by mistake.',
  },
  {
    id: 'name-lior-liora-hyphen-break',
    people: [lior],
    text: 'Lior’s prescription was issued to [[Lio-\nra]] by mistake.',
  },
  {
    id: 'name-hattie-harry',
    people: [hattie],
    text: 'Harriet’s late husband’s pension letters are addressed to [[Harry Shaw]].',
  },
  {
    id: 'name-hattie-harry-rlo-surname',
    people: [hattie],
    text: 'Name on file: [[\u202ewahS yrraH\u202c]].',
  },
  {
    id: 'name-multiple-in-letter',
    people: [robin],
    text: `Dear Dr Okafor,

Re: Robin Hale

Robin has asked that every reference to [[Jordan]] is removed from their records. The hospital discharge letter of 2021 uses [[Jordan Hale]] and {?she} throughout.

Yours sincerely,

Dr Ama Lee`,
    note: 'the previous name and the pronoun of the old records in the same letter',
  },
];
