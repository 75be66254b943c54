// The live output of a run: every line with its time, stdout plain, stderr red-tinted and
// tagged, the user's input echoed, the tree's process events as quiet lines with pid tags, and
// a "… N lines skipped …" line where a long run's middle was left out (the first and the last
// lines are kept); below it, a line of input for the program's stdin (Enter sends) and "Send
// EOF". Program output is rendered as text with its ANSI colours (never as HTML). The page gives
// it a key per run: a new run starts following the newest line with an empty input line.
import { memo, useMemo, useState, type KeyboardEvent } from 'react';
import type { PlaygroundEvent } from '../../../shared/playground.js';
import { AnsiText } from './AnsiText.js';
import { stamp } from '../ui/time-scale.js';
import { useFollowScroll } from '../ui/use-follow-scroll.js';
import { consoleLines, type ConsoleLine } from './console-model.js';
import { PidChip } from '../ui/PidChip.js';
import type { PgT } from '../i18n/playground-strings.js';
import { exitText, exitTone } from './proc-model.js';
import { showInvisible } from '../../../shared/visible-text.js';

interface Props {
  events: readonly PlaygroundEvent[];
  hues: ReadonlyMap<number, number>;
  t: PgT;
  onShowProcess(pid: number): void;
  /** Null when no run is live (the input line is disabled). */
  onInput: ((text: string, eof: boolean) => Promise<void>) | null;
  /** Whether the tree's process events are shown among the lines (kept by the page across runs). */
  procEvents: boolean;
  onProcEvents(show: boolean): void;
}

export const OutputPane = memo(function OutputPane({ events, hues, t, onShowProcess, onInput, procEvents, onProcEvents }: Props) {
  const model = useMemo(() => consoleLines(events, { procEvents }), [events, procEvents]);
  const { ref, following, follow, onScroll } = useFollowScroll(model);
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
      follow();
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

  const chip = (pid: number) => <PidChip pid={pid} hue={hues.get(pid)} onShow={onShowProcess} />;
  const line = (l: ConsoleLine, i: number) => {
    const time = <span className="c-time mono">{stamp(l.t)}</span>;
    switch (l.kind) {
      case 'output':
        return (
          <div key={i} className={`c-line c-${l.stream}`} data-stream={l.stream}>
            {time}
            {l.stream === 'stderr' && <span className="c-stderr-tag">{t('out.stderr')}</span>}
            <span className="c-text">
              <AnsiText text={l.text} />
            </span>
          </div>
        );
      case 'input':
        return (
          <div key={i} className="c-line pg-c-input">
            {time}
            <span className="pg-c-input-tag">{t('out.input')}</span>
            <span className="c-text">
              {l.text}
              {l.eof && <span className="pg-c-eof"> ⏎ {t('out.eof')}</span>}
            </span>
          </div>
        );
      case 'start':
        return (
          <div key={i} className="c-line c-event c-start">
            {time}
            {chip(l.pid)}
            <span className="c-text">
              ▶ {t('out.started', { name: showInvisible(l.name) })} · {t('out.startedBy', { ppid: l.ppid })}
              {l.marked && ` · ${t('out.startedMarked')}`}
            </span>
          </div>
        );
      case 'exec':
        return (
          <div key={i} className="c-line c-event">
            {time}
            {chip(l.pid)}
            <span className="c-text">↻ {t('out.exec', { name: showInvisible(l.name) })}</span>
          </div>
        );
      case 'zombie':
        return (
          <div key={i} className="c-line c-event pg-c-zombie">
            {time}
            {chip(l.pid)}
            <span className="c-text">☠ {t('out.zombie', { how: exitText(l) ?? '?' })}</span>
          </div>
        );
      case 'exit':
        return (
          <div key={i} className={`c-line c-event c-exit pg-c-exit-${exitTone(l)}`}>
            {time}
            {chip(l.pid)}
            <span className="c-text">■ {exitText(l) ? t('out.exited', { how: exitText(l)! }) : t('out.endedUnknown')}</span>
          </div>
        );
      case 'skipped':
        return (
          <div key={i} className="c-line pg-c-skipped" data-testid="playground-skipped" data-lines={l.lines} title={t('out.skippedTitle')}>
            <span className="c-text">{l.lines === 1 ? t('out.skippedOne') : t('out.skipped', { n: l.lines.toLocaleString() })}</span>
          </div>
        );
      case 'hidden':
        return (
          <div key={i} className="c-line pg-c-skipped">
            <span className="c-text">{t('out.hidden', { n: l.lines.toLocaleString() })}</span>
          </div>
        );
      case 'capped':
        return (
          <div key={i} className="c-line pg-c-notice">
            {time}
            <span className="c-text">⚠ {t('out.capped', { limit: l.limit })}</span>
          </div>
        );
    }
  };

  return (
    <div className="pg-output-wrap">
      <div className="panel-title-row">
        <h3 className="panel-title">{t('out.title')}</h3>
        <label className="pg-check small dim" title={t('out.procEventsTitle')}>
          <input type="checkbox" checked={procEvents} onChange={(e) => onProcEvents(e.target.checked)} /> {t('out.procEvents')}
        </label>
      </div>
      <div className="console pg-console" ref={ref} onScroll={onScroll} data-testid="playground-output" role="log" aria-live="polite">
        {model.lines.length === 0 && <div className="console-empty">{t('out.empty')}</div>}
        {model.lines.map(line)}
      </div>
      <div className="console-foot small dim">
        <span>{model.outputLines + model.skippedLines === 1 ? t('out.linesOne') : t('out.lines', { n: (model.outputLines + model.skippedLines).toLocaleString() })}</span>
        {!following && (
          <button type="button" className="link-btn" onClick={follow}>
            ↓ {t('out.follow')}
          </button>
        )}
      </div>
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
