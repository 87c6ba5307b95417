import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, compileGuide } from './engine/index.ts';
import { guideSources, languageGuide } from './guide-data.ts';

const guide = compileGuide(languageGuide);
const flagged = (text: string, options = {}) => check(text, { guide }, options).map((f) => f.ruleId);

describe('language guide data', () => {
  it('has well-formed entries with unique ids and known sources', () => {
    const ids = new Set<string>();
    for (const e of languageGuide) {
      assert.match(e.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, e.id);
      assert.ok(!ids.has(e.id), `duplicate ${e.id}`);
      ids.add(e.id);
      assert.ok(['trans-inclusive', 'person-centred', 'clinical-documentation'].includes(e.category));
      assert.ok(['warn', 'info'].includes(e.severity));
      assert.ok(e.suggestions.length > 0 && e.reason.length > 0 && e.source.length > 0, e.id);
      for (const s of e.source) assert.ok(guideSources[s], `${e.id}: unknown source ${s}`);
      if (e.derived) assert.equal(e.severity, 'info', `${e.id}: derived entries ship as info`);
      for (const t of Object.keys(e.fixes ?? {})) assert.ok(e.terms.includes(t), `${e.id}: fix for unknown term ${t}`);
    }
  });

  it('covers every row of the research table', () => {
    // one sample per row of language-guide-sources.md, with the entry that must catch it
    const rows: [string, string][] = [
      ['They are transgenders.', 'transgender-as-noun'],
      ['A transgendered person.', 'transgendered'],
      ['Transgenderism is discussed.', 'transgenderism'],
      ['He used the word tranny.', 'tranny'],
      ['The word shemale.', 'shemale'],
      ['She is pretending to be a woman.', 'pretending-to-be'],
      ['Born a man.', 'biologically-male'],
      ['Their biological sex is recorded.', 'biological-sex'],
      ['Male-bodied people.', 'male-bodied'],
      ['She identifies as a woman.', 'identifies-as'],
      ['Their preferred pronouns.', 'preferred-pronouns'],
      ['Their preferred name.', 'preferred-name'],
      ['A sex-change operation.', 'sex-change'],
      ['Sex reassignment surgery.', 'sex-reassignment-surgery'],
      ['She is post-op.', 'pre-op-post-op'],
      ['Cross-sex hormones.', 'cross-sex-hormones'],
      ['Gender identity disorder.', 'gender-identity-disorder'],
      ['A transsexual woman.', 'transsexual'],
      ['A transvestite.', 'transvestite'],
      ['A hermaphrodite.', 'hermaphrodite'],
      ['Homosexuals attended.', 'homosexual-noun'],
      ['Their sexual preference.', 'sexual-preference'],
      ['The gay lifestyle.', 'lifestyle'],
      ['Each member brings his or her card.', 'he-or-she'],
      ['Ladies and gentlemen, welcome.', 'ladies-and-gentlemen'],
      ['Failed to attend.', 'failed-to-attend'],
      ['Non-compliant with medication.', 'non-compliant'],
      ['Refused bloods.', 'refused'],
      ['Complains of pain.', 'complains-of'],
      ['C/o pain.', 'c-o'],
      ['Denies pain.', 'denies'],
      ['Sam claims it hurts.', 'claims'],
      ['Sam insists it hurts.', 'insists-alleges'],
      ['A difficult patient.', 'difficult-patient'],
      ['He suffers from asthma.', 'suffers-from'],
      ['A victim of polio.', 'victim-of'],
      ['He is a diabetic.', 'condition-as-identity'],
      ['Poorly controlled diabetes.', 'uncontrolled'],
      ['Manipulative behaviour.', 'manipulative'],
      ['Attention-seeking.', 'attention-seeking'],
      ['Demanding to be seen.', 'demanding'],
      ['History of self-mutilation.', 'self-mutilation'],
      ['Promiscuous.', 'promiscuous'],
      ['Failed treatment with sertraline.', 'failed-treatment'],
      ['Committed suicide.', 'committed-suicide'],
      ['A drug addict.', 'addict'],
      ['An alcoholic.', 'alcoholic'],
      ['Crazy behaviour.', 'mental-illness-labels'],
      ['Wheelchair-bound.', 'wheelchair-bound'],
      ['Morbidly obese.', 'morbidly-obese'],
      ['You should stop smoking.', 'you-should'],
    ];
    for (const [text, id] of rows) assert.ok(flagged(text, { documentKind: 'service-document' }).includes(`guide/${id}`), `${id} on: ${text}`);
    assert.ok(languageGuide.some((e) => e.id === 'it-for-a-person'));
  });

  it('does not over-flag common clinical-letter wording', () => {
    const letter = [
      'Dear Dr Patel,',
      'Thank you for referring Sam, a transgender woman, to the gender identity clinic.',
      'She has an insurance claim and her benefit claims are in process; she is claiming Universal Credit.',
      'Access was denied by the housing office. She attends Alcoholics Anonymous and drinks no alcoholic drinks.',
      'Post-op care after her appendectomy went well. She has a physically demanding job.',
      'Uncontrolled bleeding was excluded. She was the victim of an assault last year.',
      'Spinal manipulation helped. She was pretending to be asleep when I called, she joked.',
      'Her diabetic foot review and the diabetic clinic are booked. The protected characteristic of gender reassignment applies.',
      'Yours sincerely,',
    ].join('\n');
    assert.deepEqual(flagged(letter), []);
  });

  it('marks derived entries as derived', () => {
    for (const id of ['preferred-name', 'denies', 'attention-seeking']) assert.equal(languageGuide.find((e) => e.id === id)?.derived, true, id);
  });
});
