// The one console (renderer/src/ui/RunConsole) drawn to static HTML: each row kind's markup —
// output with its stream, pid chip and ANSI colours as spans (never raw HTML), stderr tagged,
// process events with their exit tone, the dropped-lines notice with the page's attributes — and
// the foot's count; an empty console says so.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RunConsole, type ConsoleRow } from '../../renderer/src/ui/RunConsole.js';

const labels = { empty: 'nothing yet', stderr: 'stderr', follow: 'follow', count: '2 lines' };
const draw = (rows: ConsoleRow[]) =>
  renderToStaticMarkup(createElement(RunConsole, { rows, hues: new Map([[7, 120]]), onShowProcess: () => {}, testId: 'out', className: 'extra', labels }));

describe('RunConsole', () => {
  it('draws output, events, notices and the foot', () => {
    const html = draw([
      { kind: 'output', t: 1500, stream: 'stdout', text: 'plain \u001b[31mred\u001b[0m <b>not html</b>', pid: 7 },
      { kind: 'output', t: 1600, stream: 'stderr', text: 'oops' },
      { kind: 'event', t: 1700, pid: 7, tone: 'signal', text: '■ ended: SIGTERM' },
      { kind: 'gap', t: 1800, text: '… 5 lines skipped …', attrs: { 'data-testid': 'skipped', 'data-lines': 5, title: 'why' } },
      { kind: 'note', t: 1900, className: 'my-note', tag: createElement('span', { className: 'my-tag' }, 'IN'), text: 'typed' },
    ]);
    expect(html).toContain('class="console extra"');
    expect(html).toContain('data-testid="out"');
    // Output: its stream, the pid chip in the process's hue, the ANSI colour as a span, markup as text.
    expect(html).toMatch(/<div class="c-line c-stdout" data-stream="stdout" data-pid="7">/);
    expect(html).toContain('--pid-h:120');
    expect(html).toMatch(/<span class="ansi-red-fg" data-ansi="">red<\/span>/);
    expect(html).toContain('&lt;b&gt;not html&lt;/b&gt;');
    expect(html).not.toContain('\u001b');
    // stderr is tagged; a line without a pid has no chip.
    expect(html).toMatch(/<div class="c-line c-stderr" data-stream="stderr"><span class="c-time mono">[^<]*<\/span><span class="c-stderr-tag">stderr<\/span>/);
    expect(html).toContain('class="c-line c-event c-exit exit-signal"');
    expect(html).toMatch(/<div class="c-line c-gap" data-testid="skipped" data-lines="5" title="why"><span class="c-text">… 5 lines skipped …<\/span><\/div>/);
    expect(html).toMatch(/<div class="c-line my-note"><span class="c-time mono">[^<]*<\/span><span class="my-tag">IN<\/span><span class="c-text">typed<\/span>/);
    expect(html).toContain('<span>2 lines</span>');
    expect(html).not.toContain('nothing yet');
    // Following the newest line: no "follow" button yet.
    expect(html).not.toContain('↓ follow');
  });

  it('says so when there is nothing to show', () => {
    const html = draw([]);
    expect(html).toContain('<div class="console-empty">nothing yet</div>');
    expect(html.match(/c-line/g)).toBeNull();
  });
});
