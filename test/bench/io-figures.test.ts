import { describe, expect, it } from 'vitest';
import { callIo, longestChain, stepsOf, unionMs } from '../../bench/webhook/io-figures';
import { ioFigures } from '../../bench/webhook/io-summary';
import type { InvocationTrace, IoRequest } from '../../bench/webhook/io-trace';

const span = (start: number, end: number) => ({ start, end });
const dynamo = (op: string, start: number, end?: number): IoRequest => ({ kind: 'dynamo', op, start, end });
const graph = (start: number, end: number): IoRequest => ({ kind: 'provider', op: 'GET /calendarView', start, end });

describe('Function: unionMs', () => {
  it('counts overlapping intervals once', () => {
    // Act / Assess
    expect(unionMs([span(0, 10), span(5, 15), span(20, 25)], 0, 100)).toBe(20);
  });

  it('counts an interval inside another not at all', () => {
    // Act / Assess
    expect(unionMs([span(0, 10), span(2, 3)], 0, 100)).toBe(10);
  });

  it('clips intervals to the window', () => {
    // Act / Assess
    expect(unionMs([span(-5, 5), span(8, 30)], 0, 10)).toBe(7);
  });

  it('is zero without intervals', () => {
    // Act / Assess
    expect(unionMs([], 0, 10)).toBe(0);
  });
});

describe('Function: longestChain', () => {
  it('counts requests that overlap in time as one step', () => {
    // Act / Assess
    expect(longestChain([span(0, 10), span(1, 9), span(2, 11)])).toBe(1);
  });

  it('counts back-to-back requests as separate steps', () => {
    // Act / Assess
    expect(longestChain([span(0, 10), span(10, 20), span(20, 30)])).toBe(3);
  });

  it('finds the longest chain, not the first one met', () => {
    // Prepare: a long request overlapping two short sequential ones
    const spans = [span(0, 100), span(10, 20), span(30, 40)];
    // Act / Assess
    expect(longestChain(spans)).toBe(2);
  });

  it('is zero without requests', () => {
    // Act / Assess
    expect(longestChain([])).toBe(0);
  });
});

describe('Function: stepsOf', () => {
  it('groups overlapping requests into one step, in order of start', () => {
    // Act / Assess
    expect(stepsOf([dynamo('TransactWriteItems', 30, 40), dynamo('GetItem', 0, 10), dynamo('PutItem', 5, 12)])).toBe(
      'GetItem+PutItem → TransactWriteItems',
    );
  });
});

describe('Function: callIo', () => {
  // Prepare: a 100 ms invocation: two concurrent reads, the provider call, a write, then a write left in the background
  const trace: InvocationTrace = {
    start: 0,
    end: 100,
    requests: [
      dynamo('GetItem', 5, 15),
      dynamo('PutItem', 8, 20),
      graph(25, 65),
      dynamo('TransactWriteItems', 70, 90),
      dynamo('UpdateItem', 98, 120),
    ],
  };

  it('takes the union of the I/O within the wall time from the wall time', () => {
    // Act
    const io = callIo(trace);
    // Assess: I/O 5-20, 25-65, 70-90, 98-100 = 15 + 40 + 20 + 2; own code 0-5, 20-25, 65-70, 90-98
    expect(io).toMatchObject({
      wallMs: 100,
      ioMs: 77,
      ownMs: 23,
      ownSplitMs: { beforeIo: 5, betweenIo: 18, afterIo: 0 },
    });
  });

  it('counts the sequential round trips the answer waited for, and those of the background apart', () => {
    // Act
    const io = callIo(trace);
    // Assess
    expect(io.dynamo).toEqual({
      requests: 4,
      answered: 3,
      chain: 2,
      chainAll: 3,
      writesAnswered: 2,
      steps: 'GetItem+PutItem → TransactWriteItems',
      background: ['UpdateItem'],
    });
    expect(io.provider).toEqual({ requests: 1, answered: 1, chain: 1, chainAll: 1 });
  });

  it('takes the CPU time within the I/O from the CPU time over the wall time', () => {
    // Prepare: 30 ms of CPU over the call, 12 of them inside the two overlapping requests
    const timed: InvocationTrace = {
      start: 0,
      end: 100,
      startCpu: 1_000,
      endCpu: 31_000,
      requests: [
        { kind: 'dynamo', op: 'GetItem', start: 10, end: 30, startCpu: 5_000, endCpu: 9_000 },
        { kind: 'provider', op: 'GET /me', start: 20, end: 50, startCpu: 8_000, endCpu: 17_000 },
      ],
    };
    // Act
    const io = callIo(timed);
    // Assess
    expect(io).toMatchObject({ ioMs: 40, ownMs: 60, ownCpuMs: 18 });
  });

  it('treats a request still running as left in the background', () => {
    // Act
    const io = callIo({ start: 0, end: 10, requests: [dynamo('UpdateItem', 5)] });
    // Assess
    expect(io).toMatchObject({ ioMs: 5, ownMs: 5, dynamo: { answered: 0, chain: 0, chainAll: 1 } });
  });
});

describe('Function: ioFigures', () => {
  it('summarises the traced calls and counts the untraced ones apart', () => {
    // Prepare
    const one = callIo({ start: 0, end: 10, requests: [dynamo('GetItem', 0, 4)] });
    const two = callIo({ start: 0, end: 20, requests: [dynamo('GetItem', 0, 4), dynamo('GetItem', 5, 10)] });
    // Act
    const figures = ioFigures([one, two, undefined]);
    // Assess
    expect(figures).toMatchObject({
      calls: 3,
      traced: 2,
      ownMs: { p50: 6, max: 11, mean: 8.5 },
      dynamo: { chain: { p50: 1, max: 2 }, commonSteps: { calls: 1 } },
    });
  });
});
