import { describe, expect, it } from 'vitest';
import { scoreLines, tally } from '../../scripts/mutation-score';
import { LAYERS, layerOf } from '../mutation/layers.mjs';

const mutant = (status: string, line = 1) => ({
  status,
  mutatorName: 'StringLiteral',
  replacement: '""',
  location: { start: { line, column: 3 } },
});

describe('Function: tally', () => {
  it('scores detected (killed, timeout) over detected plus undetected (survived, no coverage)', () => {
    // Prepare
    const ms = ['Killed', 'Killed', 'Timeout', 'Survived', 'NoCoverage', 'Ignored', 'CompileError'].map((s) =>
      mutant(s),
    );
    // Act
    const { counts, score } = tally(ms);
    // Assess: 3 of 5; ignored and compile errors count for neither
    expect(score).toBeCloseTo(60, 9);
    expect(counts).toEqual({ Killed: 2, Timeout: 1, Survived: 1, NoCoverage: 1, Ignored: 1, CompileError: 1 });
  });

  it('has no score without a tested mutant', () => {
    // Act / Assess
    expect(tally([mutant('Ignored')]).score).toBeUndefined();
  });
});

describe('Function: scoreLines', () => {
  it('prints each layer, its files with undetected mutants worst first, the listed ones, and the total', () => {
    // Prepare
    const reports = {
      domain: {
        files: {
          'functions/domain/a.ts': {
            source: "const a = 'x';\nconst b = 'y';",
            mutants: [mutant('Killed'), mutant('Survived', 2)],
          },
          'functions/domain/b.ts': { source: '', mutants: [mutant('Killed')] },
          'functions/domain/c.ts': { source: 'x', mutants: [mutant('NoCoverage'), mutant('Survived')] },
        },
      },
      adapters: { files: { 'functions/adapters/d.ts': { source: '', mutants: [mutant('Timeout')] } } },
    };
    // Act
    const lines = scoreLines(reports, 'a.ts');
    // Assess
    expect(lines).toEqual([
      'domain: 40.00 % {"Killed":2,"Survived":2,"NoCoverage":1}',
      '     2 undetected  0.00 %  functions/domain/c.ts',
      '     1 undetected  50.00 %  functions/domain/a.ts',
      `    functions/domain/a.ts:2:3 Survived StringLiteral "\\"\\"" | const b = 'y';`,
      'adapters: 100.00 % {"Timeout":1}',
      'all layers run: 50.00 % {"Killed":2,"Survived":2,"NoCoverage":1,"Timeout":1}',
    ]);
  });
});

describe('Function: layerOf', () => {
  it('gives the named layer its mutate globs and its own tests', () => {
    // Act
    const layer = layerOf({ MUTATE_LAYER: 'domain' });
    // Assess
    expect(layer).toEqual({ name: 'domain', ...LAYERS.domain });
    expect(layer.tests).toEqual(['test/domain/**/*.test.ts']);
  });

  it.each([undefined, '', 'handlers', 'toString'])(
    'refuses MUTATE_LAYER=%s, naming the variable and the choices',
    (v) => {
      // Act / Assess
      expect(() => layerOf({ MUTATE_LAYER: v })).toThrow(
        `MUTATE_LAYER=${JSON.stringify(v ?? '')}: expected one of domain, adapters, edge`,
      );
    },
  );
});
