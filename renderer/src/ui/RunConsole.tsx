// The console of a run, the same on the lessons and the playground pages: one line per row with
// its time, the process's pid chip in its colour, program output with its ANSI colours (as text,
// never as HTML; ui/AnsiText), stderr tinted and tagged, process events as quiet lines, notices
// where lines were dropped; it follows the newest line until the reader scrolls up, and its foot
// counts the lines and offers to follow again. What a page adds around it (a stdin box, a Stop
// button) stays in the page; the page turns its events into rows.
import { useImperativeHandle, type ReactNode, type Ref } from 'react';
import { AnsiText } from './AnsiText.js';
import { PidChip } from './PidChip.js';
import { stamp } from './time-scale.js';
import { useFollowScroll } from './use-follow-scroll.js';

/** Data attributes (data-testid, data-lines...) and a title a page puts on a row. */
export type RowAttrs = Readonly<Record<`data-${string}`, string | number>> & { title?: string };

export type ConsoleRow =
  /** A line of program output; `pid` when the page knows which process printed it. */
  | { kind: 'output'; t: number; stream: 'stdout' | 'stderr'; text: string; pid?: number }
  /** A process event (started, exited...): a quiet line; `tone` colours an exit. */
  | { kind: 'event'; t: number; pid: number; text: ReactNode; tone?: 'ok' | 'signal' | 'error' | 'unknown'; className?: string }
  /** Lines left out (a long run's middle): a centred notice without a time. */
  | { kind: 'gap'; t: number; text: string; attrs?: RowAttrs }
  /** Anything else the page says (input it sent, a warning): its own class, an optional tag before the text. */
  | { kind: 'note'; t: number; text: ReactNode; className: string; tag?: ReactNode };

export interface RunConsoleHandle {
  /** Scrolls to the newest line and follows again (after the reader sent input, say). */
  follow(): void;
}

interface Props {
  rows: readonly ConsoleRow[];
  hues: ReadonlyMap<number, number>;
  onShowProcess(pid: number): void;
  testId: string;
  /** A class the page adds to the console box (its size). */
  className?: string;
  labels: { empty: string; stderr: string; follow: string; count: string };
  ref?: Ref<RunConsoleHandle>;
}

export function RunConsole({ rows, hues, onShowProcess, testId, className, labels, ref }: Props) {
  const { ref: box, following, follow, onScroll } = useFollowScroll(rows);
  useImperativeHandle(ref, () => ({ follow }), [follow]);
  const chip = (pid: number) => <PidChip pid={pid} hue={hues.get(pid)} onShow={onShowProcess} />;

  const line = (row: ConsoleRow, i: number) => {
    const time = <span className="c-time mono">{stamp(row.t)}</span>;
    switch (row.kind) {
      case 'output':
        return (
          <div key={i} className={`c-line c-${row.stream}`} data-stream={row.stream} data-pid={row.pid}>
            {time}
            {row.pid !== undefined && chip(row.pid)}
            {row.stream === 'stderr' && <span className="c-stderr-tag">{labels.stderr}</span>}
            <span className="c-text">
              <AnsiText text={row.text} />
            </span>
          </div>
        );
      case 'event': {
        const tone = row.tone ? ` c-exit exit-${row.tone}` : '';
        return (
          <div key={i} className={`c-line c-event${tone}${row.className ? ` ${row.className}` : ''}`}>
            {time}
            {chip(row.pid)}
            <span className="c-text">{row.text}</span>
          </div>
        );
      }
      case 'gap':
        return (
          <div key={i} className="c-line c-gap" {...row.attrs}>
            <span className="c-text">{row.text}</span>
          </div>
        );
      case 'note':
        return (
          <div key={i} className={`c-line ${row.className}`}>
            {time}
            {row.tag}
            <span className="c-text">{row.text}</span>
          </div>
        );
    }
  };

  return (
    <>
      <div className={className ? `console ${className}` : 'console'} ref={box} onScroll={onScroll} data-testid={testId} role="log" aria-live="polite">
        {rows.length === 0 && <div className="console-empty">{labels.empty}</div>}
        {rows.map(line)}
      </div>
      <div className="console-foot small dim">
        <span>{labels.count}</span>
        {!following && (
          <button type="button" className="link-btn" onClick={follow}>
            ↓ {labels.follow}
          </button>
        )}
      </div>
    </>
  );
}
