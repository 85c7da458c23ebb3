import { describe, expect, it } from 'vitest';
import { parseFeature, runConformance, runErrors, runScenario, runWider, summarize, tckAvailable, TCK_DIR, type SubsetRow } from './runner.js';

/** Scenarios of the 308-scenario subset that passed when this was committed; the test fails below it. */
const THRESHOLD = 308;
/** Passing scenarios among all result-table scenarios of the same 49 files (WITH, UNWIND, functions…). */
const WIDER_THRESHOLD = 549;
/** Error scenarios of the same files in which the engine raises one of its errors (type not compared). */
const ERROR_THRESHOLD = 326;

function scenario(setup: string, query: string, then: string, table: string[]): string {
  return [
    'Feature: Runner self-test',
    '  Scenario: [1] synthetic',
    '    Given an empty graph',
    ...(setup ? ['    And having executed:', '      """', `      ${setup}`, '      """'] : []),
    '    When executing query:',
    '      """',
    `      ${query}`,
    '      """',
    `    Then ${then}`,
    ...table.map((r) => `      ${r}`),
    '    And no side effects',
  ].join('\n');
}

function outcome(text: string): { passed: boolean; reason: string } {
  const row: SubsetRow = { file: 'self.feature', scenarioLine: 2, exampleIndex: null, exampleLine: null, kind: 'graph', bigInt: false, name: 'synthetic' };
  return runScenario('/nonexistent', row, new Map([['self.feature', parseFeature(text)]]));
}

const ANY = 'the result should be, in any order:';
const ORDER = 'the result should be, in order:';

describe('tck runner', () => {
  describe('runScenario', () => {
    it.each([
      { label: 'plain values', q: 'RETURN 1 AS a, 1.5 AS b, \'x\' AS c, null AS d', t: ['| a | b | c | d |', "| 1 | 1.5 | 'x' | null |"] },
      { label: 'nodes in any order', s: "CREATE (:A {name: 'a'}), (:B {name: 'b'})", q: 'MATCH (n) RETURN n', t: ['| n |', "| (:B {name: 'b'}) |", "| (:A {name: 'a'}) |"] },
      { label: 'a path', s: 'CREATE (:A)-[:T {w: 1}]->(:B)', q: 'MATCH p = (:B)<--(:A) RETURN p', t: ['| p |', '| <(:B)<-[:T {w: 1}]-(:A)> |'] },
      { label: 'a big integer', q: 'RETURN 9223372036854775807 AS x', t: ['| x |', '| 9223372036854775807 |'] },
      { label: 'float 1.0 kept as float', s: 'CREATE ({f: 1.0})', q: 'MATCH (n) RETURN n.f AS f', t: ['| f |', '| 1.0 |'] },
    ])('should pass a correct expectation: $label', ({ s, q, t }) => {
      expect(outcome(scenario(s ?? '', q, ANY, t))).toEqual(expect.objectContaining({ passed: true }));
    });

    it.each([
      { label: 'a wrong value', q: 'RETURN 1 AS a', then: ANY, t: ['| a |', '| 2 |'] },
      { label: 'an integer where a float is expected', q: 'RETURN 1 AS a', then: ANY, t: ['| a |', '| 1.0 |'] },
      { label: 'a missing row', q: 'UNWIND [1, 2] AS a RETURN a', then: ANY, t: ['| a |', '| 1 |'] },
      { label: 'a wrong order', q: 'UNWIND [2, 1] AS a RETURN a', then: ORDER, t: ['| a |', '| 1 |', '| 2 |'] },
      { label: 'a wrong column', q: 'RETURN 1 AS a', then: ANY, t: ['| b |', '| 1 |'] },
      { label: 'wrong labels', s: 'CREATE (:A)', q: 'MATCH (n) RETURN n', then: ANY, t: ['| n |', '| (:B) |'] },
      { label: 'a reversed path', s: 'CREATE (:A)-[:T]->(:B)', q: 'MATCH p = (:A)-->(:B) RETURN p', then: ANY, t: ['| p |', '| <(:A)<-[:T]-(:B)> |'] },
      { label: 'an error', q: 'RETURN 1 / 0 AS a', then: ANY, t: ['| a |', '| 1 |'] },
    ])('should fail a wrong expectation: $label', ({ s, q, then, t }) => {
      expect(outcome(scenario(s ?? '', q, then, t)).passed).toBe(false);
    });
  });

  describe('runScenario (other expectations)', () => {
    it.each([
      { label: 'an empty result', q: 'UNWIND [] AS x RETURN x', then: 'the result should be empty', passed: true },
      { label: 'rows where none are expected', q: 'RETURN 1 AS x', then: 'the result should be empty', passed: false },
      { label: 'an expected error', q: 'RETURN nosuchfunction(1) AS x', then: 'a SyntaxError should be raised at compile time: UnknownFunction', passed: true },
      { label: 'a missing error', q: 'RETURN 1 AS x', then: 'a SyntaxError should be raised at compile time: UnknownFunction', passed: false },
    ])('should judge $label', ({ q, then, passed }) => {
      expect(outcome(scenario('', q, then, [])).passed).toBe(passed);
    });

    it('should fill Scenario Outline placeholders from the chosen Examples row', () => {
      const quotes = '"""';
      const text = [
        'Feature: Runner self-test',
        '  Scenario Outline: [1] outline',
        '    Given any graph',
        '    When executing query:',
        `      ${quotes}`,
        '      RETURN <a> + 1 AS r',
        `      ${quotes}`,
        '    Then the result should be, in any order:',
        '      | r   |',
        '      | <r> |',
        '    And no side effects',
        '',
        '    Examples:',
        '      | a | r |',
        '      | 1 | 2 |',
        '      | 5 | 7 |',
      ].join('\n');
      const feature = parseFeature(text);
      const run = (exampleIndex: number): boolean =>
        runScenario('/nonexistent', { file: 'o.feature', scenarioLine: 2, exampleIndex, exampleLine: null, kind: '', bigInt: false, name: 'outline' }, new Map([['o.feature', feature]]))
          .passed;
      expect([run(1), run(2)]).toEqual([true, false]);
    });
  });

  describe('runConformance', () => {
    it.skipIf(!tckAvailable())(`should pass at least ${THRESHOLD} of the 308 TCK subset scenarios in ${TCK_DIR}`, () => {
      const outcomes = runConformance();
      console.log(summarize(outcomes));
      const passed = outcomes.filter((o) => o.passed).length;
      expect(outcomes.length).toBe(308);
      expect(passed).toBeGreaterThanOrEqual(THRESHOLD);
    });
    it.skipIf(!tckAvailable())(`should pass at least ${WIDER_THRESHOLD} result-table scenarios of the subset's feature files`, () => {
      const outcomes = runWider();
      console.log(summarize(outcomes).replace('TCK subset', 'TCK subset files, all result-table scenarios'));
      expect(outcomes.filter((o) => o.passed).length).toBeGreaterThanOrEqual(WIDER_THRESHOLD);
    });
    it.skipIf(!tckAvailable())(`should raise an error in at least ${ERROR_THRESHOLD} error scenarios of the subset's feature files`, () => {
      const outcomes = runErrors();
      console.log(summarize(outcomes).replace('TCK subset', 'TCK subset files, error scenarios'));
      expect(outcomes.filter((o) => o.passed).length).toBeGreaterThanOrEqual(ERROR_THRESHOLD);
    });
    if (!tckAvailable()) {
      it.skip(`skipped: no TCK subset at ${TCK_DIR} (expected ../shared/tck/subset.tsv next to the repository)`, () => {});
    }
  });
});
