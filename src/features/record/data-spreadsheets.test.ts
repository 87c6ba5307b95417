// The complete copy as spreadsheets (/me/download.zip): one CSV per table of the JSON copy, the
// same rows and cells, unzipped and parsed here as a spreadsheet would read them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { Agent, forEachDialect } from '../../../test/helpers.ts';
import type { DataExport } from './data-rights.ts';
import { cellText, csvName } from './data-spreadsheets.ts';
import { aPersonOnACaseload, aboutMeForm, signedIn } from './test-builders.ts';

forEachDialect('Your data as spreadsheets', (ctx) => {
  /** Sam, with About me, a previous name, a note with commas, quotes and lines, a view and a correction. */
  async function samWithARecord() {
    const { person, practitioner } = await aPersonOnACaseload(ctx);
    await person.agent.post('/me/about', aboutMeForm({ goals: 'Start hormones this year, and go back to work part-time.' }));
    await person.agent.post('/me/previous-names', { previousName: 'Wilhelmina Brackenbury' });
    const note = await practitioner.agent.post(`/people/${person.id}/record?kind=note`, {
      title: 'First appointment, with "Sam"',
      body: 'Sam came to clinic on time.\nWe talked about work, sleep and what matters most.\n=Sam asked for the next appointment in the morning.',
    });
    const noteId = note.headers.location!.split('/').pop()!;
    await person.agent.post(`/me/record/${noteId}/respond`, { kind: 'view', body: 'I was nervous, but it went well.' });
    await person.agent.post(`/me/record/${noteId}/respond`, { kind: 'correction', body: 'Please add that I asked about a referral to the voice clinic.' });
    return { person, practitioner };
  }

  function unzipCsvs(body: Buffer): Map<string, string[][]> {
    const files = unzipSync(new Uint8Array(body));
    const out = new Map<string, string[][]>();
    for (const [name, bytes] of Object.entries(files)) {
      if (!name.endsWith('.csv')) continue;
      const records: string[][] = parse(strFromU8(bytes), { bom: true, relax_column_count: false });
      out.set(name, records);
    }
    return out;
  }

  void test('every table of the JSON copy is a CSV in the zip, with the same columns, rows and cells, and no previous name', async () => {
    const { person } = await samWithARecord();
    const json = (await person.agent.get('/me/download.json')).json<DataExport>();
    const res = await person.agent.get('/me/download.zip');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/zip');
    assert.match(String(res.headers['content-disposition']), /attachment; filename="withme-my-data\.zip"/);
    const zip = unzipSync(new Uint8Array(res.rawPayload));
    assert.ok(zip['README.txt'], 'a README says what the files are');
    const csvs = unzipCsvs(res.rawPayload);

    assert.ok(json.sections.length >= 8, `the journey filled several tables (${json.sections.length})`);
    assert.deepEqual([...csvs.keys()].sort(), json.sections.map((s) => csvName(s.table)).sort(), 'one CSV per table, and no other');
    for (const section of json.sections) {
      const [header, ...rows] = csvs.get(csvName(section.table))!;
      assert.deepEqual(header, section.columns, `${section.table}: the columns`);
      // The zip was asked for after the JSON copy, and each download is audited: one more entry there.
      const expected = section.table === 'audit_log' ? section.rows.length + 1 : section.rows.length;
      assert.equal(rows.length, expected, `${section.table}: the same number of rows`);
      if (section.table === 'audit_log') continue;
      section.rows.forEach((row, i) => assert.deepEqual(rows[i], section.columns.map((c) => cellText(row[c])), `${section.table} row ${i + 1}: the same cells`));
    }

    // Proper quoting: the note's comma, quotes and line breaks come back as one cell.
    const entries = csvs.get('record_entries.csv')!;
    const title = entries[0]!.indexOf('title');
    assert.equal(entries[1]![title], 'First appointment, with "Sam"');
    const revisions = csvs.get('record_revisions.csv')!;
    const body = revisions[0]!.indexOf('body');
    assert.ok(revisions.slice(1).some((r) => r[body] === 'Sam came to clinic on time.\nWe talked about work, sleep and what matters most.\n=Sam asked for the next appointment in the morning.'));
    // Previous names: only when they were added, never the name.
    const everything = Object.values(zip).map((b) => strFromU8(b)).join('\n');
    assert.doesNotMatch(everything, /Wilhelmina|Brackenbury/i);
    assert.doesNotMatch(everything, /password_hash|token_hash|sequence_hashes|word_hashes|argon2/);
    assert.deepEqual(csvs.get('previous_names.csv')![0]!.sort(), ['account_id', 'created_at', 'id', 'max_words']);
  });

  void test('a cell that would run as a formula is written as text, and the rest as the JSON copy has it', () => {
    assert.equal(cellText('=HYPERLINK("https://example.org","click")'), `'=HYPERLINK("https://example.org","click")`);
    for (const s of ['+44 7700 900123', '-1', '@Sam']) assert.equal(cellText(s), `'${s}`);
    assert.equal(cellText('Sam, they/them'), 'Sam, they/them');
    assert.equal(cellText(null), '');
    assert.equal(cellText(0), '0');
    assert.equal(cellText(-1), '-1', 'a number is a number');
    assert.equal(cellText(new Date('2026-12-01T09:30:00.000Z')), '2026-12-01T09:30:00.000Z');
  });

  void test('one account cannot fetch another’s spreadsheets; signed out, there are none', async () => {
    const { person, practitioner } = await samWithARecord();
    const other = await signedIn(ctx, ['person'], 'Alex Moreno');
    const theirs = unzipCsvs((await other.agent.get('/me/download.zip')).rawPayload);
    const all = [...theirs.values()].flat(2).join('\n');
    assert.ok(all.includes(other.id), 'Alex gets their own data');
    assert.ok(!all.includes(person.id) && !all.includes(person.email), 'and nothing of Sam’s');
    assert.doesNotMatch(all, /First appointment|nervous/);
    // Nor the practitioner who wrote Sam's note: they get that they wrote it, not what it says.
    const staff = unzipCsvs((await practitioner.agent.get('/me/download.zip')).rawPayload);
    assert.doesNotMatch([...staff.values()].flat(2).join('\n'), /clinic on time|nervous|voice clinic/);
    // No id in the address to change; and no copy for someone signed out.
    const anonymous = await new Agent(ctx.app).get('/me/download.zip');
    assert.notEqual(anonymous.statusCode, 200);
    assert.notEqual(anonymous.headers['content-type'], 'application/zip');
  });

  void test('the spreadsheets are limited per account as the JSON copy is, and each is in the audit log', async () => {
    const person = await signedIn(ctx, ['person']);
    for (let n = 0; n < 20; n += 1) assert.equal((await person.agent.get('/me/download.zip')).statusCode, 200);
    const limited = await person.agent.get('/me/download.zip');
    assert.equal(limited.statusCode, 429);
    assert.match(limited.body, /try again/i);
    const audited = await ctx.db.selectFrom('audit_log').select('action').where('actor_id', '=', person.id).where('action', '=', 'data.download').execute();
    assert.equal(audited.length, 20);
    const other = await signedIn(ctx, ['person']);
    assert.equal((await other.agent.get('/me/download.zip')).statusCode, 200, 'someone else still can');
  });

  void test('"Your data" links to the spreadsheets once, beside the JSON copy', async () => {
    const person = await signedIn(ctx, ['person']);
    const main = /<main[\s\S]*<\/main>/.exec((await person.agent.get('/me/download')).body)![0];
    assert.equal(main.match(/<a href="\/me\/download\.zip" download>Download everything as spreadsheets \(zip\)<\/a>/g)?.length, 1);
    assert.equal(main.match(/href="\/me\/download\.json"/g)?.length, 1);
  });
});
