// The risk phrase list's own test corpus: what people write to a gender service, labelled by
// whether it must reach the duty team. Disclosures (plain and indirect, in feedback and beside a
// record) must match; everyday idioms must not (a duty team buried in false alarms stops
// looking). Quoting a song or a book about suicide does match: the service cannot tell a quote
// from a disclosure, so the safe side is to ask (the duty team decides). Written for this test;
// add every miss a review finds.

export interface RiskCase {
  text: string;
  /** `alert`: it must reach the duty team; `calm`: it must not. */
  expect: 'alert' | 'calm';
  kind: 'disclosure' | 'indirect' | 'self-harm' | 'method' | 'goodbye' | 'quote' | 'idiom' | 'about-others' | 'ordinary';
}

export const RISK_CORPUS: RiskCase[] = [
  // Plain disclosures
  { kind: 'disclosure', expect: 'alert', text: 'Honestly some days I want to end it all, the wait is so long.' },
  { kind: 'disclosure', expect: 'alert', text: 'I have been feeling suicidal since my referral was rejected.' },
  { kind: 'disclosure', expect: 'alert', text: 'I keep thinking about killing myself. I do not know who else to tell.' },
  { kind: 'disclosure', expect: 'alert', text: "I've started planning to take my own life if the clinic says no again." },
  { kind: 'disclosure', expect: 'alert', text: 'Some nights I think about ending my life while I wait for the next appointment.' },
  { kind: 'disclosure', expect: 'alert', text: 'I WANT TO DIE. Nobody has answered my emails in three months.' },
  { kind: 'disclosure', expect: 'alert', text: 'tbh i wanna die most days' },
  { kind: 'disclosure', expect: 'alert', text: 'I wish I was dead instead of going through another year of this.' },
  { kind: 'disclosure', expect: 'alert', text: 'Thoughts of suicide have come back since my GP refused the bridging prescription.' },
  { kind: 'disclosure', expect: 'alert', text: 'I am not safe at the moment and I have thought about suicide.' },
  // Indirect
  { kind: 'indirect', expect: 'alert', text: 'My family would be better off without me, they say so often enough.' },
  { kind: 'indirect', expect: 'alert', text: "I don't want to be here anymore. I'm so tired." },
  { kind: 'indirect', expect: 'alert', text: 'I don’t want to be here any more and I am sorry to write it on a feedback form.' },
  { kind: 'indirect', expect: 'alert', text: "I can't go on like this, waiting with no date at all." },
  { kind: 'indirect', expect: 'alert', text: 'I cannot keep going, it has been three years of letters and no appointment.' },
  { kind: 'indirect', expect: 'alert', text: 'There is no reason to live if I have to keep being called by that name.' },
  { kind: 'indirect', expect: 'alert', text: "Life isn't worth living like this, it's not worth living at all." },
  { kind: 'indirect', expect: 'alert', text: "I can't do this anymore. Please can someone call me." },
  { kind: 'indirect', expect: 'alert', text: 'I honestly feel there is no way out for me.' },
  { kind: 'indirect', expect: 'alert', text: 'Sometimes I hope I just do not wake up.' },
  { kind: 'indirect', expect: 'alert', text: 'I have nothing to live for since I lost my job for transitioning.' },
  // Self-harm
  { kind: 'self-harm', expect: 'alert', text: "I've been self-harming again since the appointment was cancelled." },
  { kind: 'self-harm', expect: 'alert', text: 'I started cutting myself again last week.' },
  { kind: 'self-harm', expect: 'alert', text: 'When dysphoria is bad I hurt myself, I need help sooner.' },
  { kind: 'self-harm', expect: 'alert', text: 'History of self harm, please read my notes before calling me by the wrong name.' },
  { kind: 'self-harm', expect: 'alert', text: 'I burned myself on purpose after the phone call.' },
  // Methods
  { kind: 'method', expect: 'alert', text: 'I have been saving up pills just in case.' },
  { kind: 'method', expect: 'alert', text: 'Last month I took an overdose and nobody from the service knew.' },
  { kind: 'method', expect: 'alert', text: 'I took too many pills on Saturday. I am OK now but scared.' },
  { kind: 'method', expect: 'alert', text: 'I stood on the bridge and thought about whether to jump off a bridge like that.' },
  // Goodbyes
  { kind: 'goodbye', expect: 'alert', text: "I won't be around much longer so it does not matter what you change." },
  { kind: 'goodbye', expect: 'alert', text: 'This is my last message to you. Thank you to the nurse who was kind.' },
  // Quotes: the safe side is to ask
  { kind: 'quote', expect: 'alert', text: 'In group we talked about the song "Hurt", where he sings that he hurt himself today — it made me think of how I hurt myself.' },
  { kind: 'quote', expect: 'alert', text: 'The leaflet quoted someone saying "I wanted to die before I came out", which hit me hard.' },
  // About others, or about the service's work: the safe side is to ask
  { kind: 'about-others', expect: 'alert', text: 'My friend on the waiting list is suicidal and I am worried about her.' },
  { kind: 'about-others', expect: 'alert', text: 'The suicide prevention leaflet in reception uses the wrong pronouns for the examples.' },
  // Idioms: everyday words that must not alarm
  { kind: 'idiom', expect: 'calm', text: 'This wait is killing me, honestly. When will I hear?' },
  { kind: 'idiom', expect: 'calm', text: "I'm dying to know when the group sessions start again." },
  { kind: 'idiom', expect: 'calm', text: 'The parking at the clinic is a nightmare, it kills me every time.' },
  { kind: 'idiom', expect: 'calm', text: 'I could murder a coffee after sitting in that waiting room for two hours.' },
  { kind: 'idiom', expect: 'calm', text: 'The new receptionist is drop dead gorgeous and really kind too.' },
  { kind: 'idiom', expect: 'calm', text: 'I was bored to death filling in the same form three times.' },
  { kind: 'idiom', expect: 'calm', text: 'I brought a book to kill time while waiting.' },
  { kind: 'idiom', expect: 'calm', text: 'My feet were killing me after standing in the queue.' },
  { kind: 'idiom', expect: 'calm', text: 'The hold music nearly did me in, but the person who answered was lovely.' },
  { kind: 'idiom', expect: 'calm', text: 'I nearly died laughing at the group quiz night.' },
  { kind: 'idiom', expect: 'calm', text: 'Please stop the system from cutting off my calls after ten minutes.' },
  { kind: 'idiom', expect: 'calm', text: 'The form asks me to cut my name short, which hurts my feelings a bit.' },
  { kind: 'idiom', expect: 'calm', text: 'I have been harmonising with the choir, self harmony is my new hobby.' },
  { kind: 'idiom', expect: 'calm', text: 'Can we end the practice of using old names on letters?' },
  { kind: 'idiom', expect: 'calm', text: 'I hope the waiting list goes down. I just want to get on with my life.' },
  // Ordinary feedback
  { kind: 'ordinary', expect: 'calm', text: 'Reception was friendly and the wait was short.' },
  { kind: 'ordinary', expect: 'calm', text: 'The practitioner used my pronouns without me having to say them twice. Thank you.' },
  { kind: 'ordinary', expect: 'calm', text: 'A letter to my GP used my old name even though I changed it with you last year.' },
  { kind: 'ordinary', expect: 'calm', text: 'Still waiting for my hormone review, it has been 14 months.' },
  { kind: 'ordinary', expect: 'calm', text: 'The website is hard to use on my phone.' },
  { kind: 'ordinary', expect: 'calm', text: 'It would help to meet other people on the waiting list. Waiting alone is the hardest part.' },
  { kind: 'ordinary', expect: 'calm', text: 'Could there be a peer support group online for people who cannot travel?' },
  { kind: 'ordinary', expect: 'calm', text: 'I am tired of explaining my name to every new doctor.' },
];
