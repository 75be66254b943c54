// The live output of a run, in the shared console (ui/RunConsole): every line with its time,
// stdout plain, stderr red-tinted and tagged, the user's input echoed, the tree's process events
// as quiet lines with pid tags, and a "… N lines skipped …" line where a long run's middle was
// left out (the first and the last lines are kept); below it, what only the playground has: a
// line of input for the program's stdin (Enter sends) and "Send EOF". The page gives it a key per
// run: a new run starts following the newest line with an empty input line.
import { memo, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { PlaygroundEvent } from '../../../shared/playground.js';
import { RunConsole, type ConsoleRow, type RunConsoleHandle } from '../ui/RunConsole.js';
import { consoleLines, type ConsoleLine } from './console-model.js';
import { useStrings } from '../i18n/i18n-context.js';
import { PG_STRINGS, type PgStringKey } from '../i18n/playground-strings.js';
import type { Translator } from '../i18n/translate.js';
import { exitText, exitTone } from './proc-model.js';
import { showInvisible } from '../../../shared/visible-text.js';

/** A line of the output as the shared console draws it. */
function rowOf(l: ConsoleLine, t: Translator<PgStringKey>): ConsoleRow {
  switch (l.kind) {
    case 'output':
      return { kind: 'output', t: l.t, stream: l.stream, text: l.text };
    case 'input':
      return {
        kind: 'note',
        t: l.t,
        className: 'pg-c-input',
        tag: <span className="pg-c-input-tag">{t('out.input')}</span>,
        text: (
          <>
            {l.text}
            {l.eof && <span className="pg-c-eof"> ⏎ {t('out.eof')}</span>}
          </>
        ),
      };
    case 'start':
      return {
        kind: 'event',
        t: l.t,
        pid: l.pid,
        className: 'c-start',
        text: `▶ ${t('out.started', { name: showInvisible(l.name) })} · ${t('out.startedBy', { ppid: l.ppid })}${l.marked ? ` · ${t('out.startedMarked')}` : ''}`,
      };
    case 'exec':
      return { kind: 'event', t: l.t, pid: l.pid, text: `↻ ${t('out.exec', { name: showInvisible(l.name) })}` };
    case 'zombie':
      return { kind: 'event', t: l.t, pid: l.pid, className: 'pg-c-zombie', text: `☠ ${t('out.zombie', { how: exitText(l) ?? '?' })}` };
    case 'exit': {
      const how = exitText(l);
      return { kind: 'event', t: l.t, pid: l.pid, tone: exitTone(l), text: `■ ${how ? t('out.exited', { how }) : t('out.endedUnknown')}` };
    }
    case 'skipped':
      return {
        kind: 'gap',
        t: l.t,
        text: l.lines === 1 ? t('out.skippedOne') : t('out.skipped', { n: l.lines.toLocaleString() }),
        attrs: { 'data-testid': 'playground-skipped', 'data-lines': l.lines, title: t('out.skippedTitle') },
      };
    case 'hidden':
      return { kind: 'gap', t: l.t, text: t('out.hidden', { n: l.lines.toLocaleString() }) };
    case 'capped':
      return { kind: 'note', t: l.t, className: 'pg-c-notice', text: `⚠ ${t('out.capped', { limit: l.limit })}` };
  }
}

interface Props {
  events: readonly PlaygroundEvent[];
  hues: ReadonlyMap<number, number>;
  onShowProcess(pid: number): void;
  /** Null when no run is live (the input line is disabled). */
  onInput: ((text: string, eof: boolean) => Promise<void>) | null;
  /** Whether the tree's process events are shown among the lines (kept by the page across runs). */
  procEvents: boolean;
  onProcEvents(show: boolean): void;
}

export const OutputPane = memo(function OutputPane({ events, hues, onShowProcess, onInput, procEvents, onProcEvents }: Props) {
  const t = useStrings(PG_STRINGS);
  const model = useMemo(() => consoleLines(events, { procEvents }), [events, procEvents]);
  const consoleRef = useRef<RunConsoleHandle>(null);
  const eofSent = useMemo(() => events.some((e) => e.type === 'input' && e.eof), [events]);
  const [text, setText] = useState('');
  const [inputError, setInputError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const canType = onInput !== null && !eofSent;
  const send = async (eof: boolean) => {
    if (!onInput || sending) return;
    setSending(true);
    setInputError(null);
    try {
      await onInput(text, eof);
      setText('');
      consoleRef.current?.follow();
    } catch (e) {
      setInputError((e as Error).message);
    } finally {
      setSending(false);
    }
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send(false);
    } else if (e.key === 'd' && e.ctrlKey && !text) {
      e.preventDefault();
      void send(true);
    }
  };

  const rows = useMemo(() => model.lines.map((l) => rowOf(l, t)), [model, t]);
  const count = model.outputLines + model.skippedLines;

  return (
    <div className="pg-output-wrap">
      <div className="panel-title-row">
        <h3 className="panel-title">{t('out.title')}</h3>
        <label className="pg-check small dim" title={t('out.procEventsTitle')}>
          <input type="checkbox" checked={procEvents} onChange={(e) => onProcEvents(e.target.checked)} /> {t('out.procEvents')}
        </label>
      </div>
      <RunConsole
        ref={consoleRef}
        rows={rows}
        hues={hues}
        onShowProcess={onShowProcess}
        testId="playground-output"
        className="pg-console"
        labels={{
          empty: t('out.empty'),
          stderr: t('out.stderr'),
          follow: t('out.follow'),
          count: count === 1 ? t('out.linesOne') : t('out.lines', { n: count.toLocaleString() }),
        }}
      />
      <div className="pg-input-row">
        <span className="pg-prompt mono" aria-hidden="true">
          stdin ›
        </span>
        <input
          className="pg-input mono"
          data-testid="playground-input"
          value={text}
          disabled={!canType}
          placeholder={canType ? t('in.placeholder') : eofSent && onInput ? t('in.closed') : t('in.placeholderIdle')}
          aria-label={t('in.placeholder')}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKey}
        />
        <button type="button" className="btn" disabled={!canType || sending} onClick={() => void send(false)} data-testid="playground-send">
          {t('in.send')}
        </button>
        <button type="button" className="btn" disabled={!canType || sending} onClick={() => void send(true)} title={t('in.eofTitle')} data-testid="playground-eof">
          {t('in.eof')}
        </button>
      </div>
      {inputError && <p className="notice error pg-inline-error">{t('in.error', { message: inputError })}</p>}
    </div>
  );
});
