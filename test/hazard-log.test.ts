// The clinical safety case's hazard log (docs/clinical-safety/hazard-log.json): every control
// names tests that exist, and every risk rating follows the matrix.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Risk {
  severity: string;
  likelihood: string;
  rating: number;
}

interface HazardLog {
  riskMatrix: { severity: string[]; likelihood: string[]; ratings: Record<string, Record<string, number>> };
  hazards: Array<{
    id: string;
    title: string;
    cause: string;
    effect: string;
    initialRisk: Risk;
    residualRisk: Risk;
    controls: Array<{ control: string; tests: Array<{ file: string; name: string }> }>;
  }>;
}

const log = JSON.parse(fs.readFileSync(path.join(root, 'docs/clinical-safety/hazard-log.json'), 'utf8')) as HazardLog;

/** Is `name` (the whole title or a literal part of it) the title of a test in `source`? */
function hasTest(source: string, name: string): boolean {
  return source.split('\n').some((line) => /\b(test|it)\(/.test(line) && line.includes(name));
}

test('every control of every hazard names tests that exist', () => {
  assert.ok(log.hazards.length >= 8, 'the log covers the hazards the issue names');
  const missing: string[] = [];
  for (const hazard of log.hazards) {
    assert.ok(hazard.cause && hazard.effect && hazard.controls.length, `${hazard.id} has a cause, an effect and controls`);
    for (const { control, tests } of hazard.controls) {
      assert.ok(tests.length, `${hazard.id}: "${control}" names a test`);
      for (const { file, name } of tests) {
        const full = path.join(root, file);
        if (!fs.existsSync(full)) missing.push(`${hazard.id}: ${file} does not exist`);
        else if (!hasTest(fs.readFileSync(full, 'utf8'), name)) missing.push(`${hazard.id}: no test "${name}" in ${file}`);
      }
    }
  }
  assert.deepEqual(missing, []);
});

test('every rating follows the risk matrix, and no control makes a risk worse', () => {
  const { ratings } = log.riskMatrix;
  for (const hazard of log.hazards) {
    for (const risk of [hazard.initialRisk, hazard.residualRisk]) {
      assert.equal(risk.rating, ratings[risk.likelihood]?.[risk.severity], `${hazard.id}: ${risk.likelihood} × ${risk.severity}`);
    }
    assert.ok(hazard.residualRisk.rating <= hazard.initialRisk.rating, `${hazard.id}: the controls do not raise the risk`);
  }
});

test('the check finds a control whose test is gone', () => {
  assert.equal(hasTest("test('a real test', () => {});", 'a real test'), true);
  assert.equal(hasTest("// a real test is mentioned, not written\nconst x = 'a real test';", 'a real test'), false);
});
