// The page keeps a long run's head and tail: several skip markers from a flood read as one gap.
import { describe, expect, it } from 'vitest';
import type { PlaygroundEvent } from '../../shared/playground.js';
import { compactTranscript } from '../../renderer/src/playground/playground-run-store.js';

const out = (text: string): PlaygroundEvent => ({ type: 'output', t: 0, stream: 'stdout', text });
const skip = (lines: number): PlaygroundEvent => ({ type: 'output-skipped', t: 0, lines });

describe('compactTranscript', () => {
  it('folds two skip markers and the lines between them into one gap, keeping every count', () => {
    const events = [out('1'), out('2'), skip(10), out('13'), out('14'), skip(5), out('20'), out('21')];
    const got = compactTranscript(events, new Map(), 2, 2, 0);
    expect(got.filter((e) => e.type === 'output-skipped')).toEqual([{ type: 'output-skipped', t: 0, lines: 17 }]);
    expect(got.flatMap((e) => (e.type === 'output' ? [e.text] : []))).toEqual(['1', '2', '20', '21']);
  });

  it('leaves a short transcript with one marker as it is', () => {
    const events = [out('1'), skip(10), out('12')];
    expect(compactTranscript(events, new Map(), 2, 2, 0)).toBe(events);
  });
});
