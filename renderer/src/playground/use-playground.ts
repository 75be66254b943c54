// Keeps the playground runs the page knows about: catches up with playground.runs when the page
// opens (a run may be half way), follows the live 'playground.event' stream in batches (a
// program printing thousands of lines a second costs one render per frame, not one per line),
// and starts, stops and feeds runs.
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { ApiClient } from '../../../shared/api.js';
import type { PlaygroundExamples } from '../../../shared/playground.js';
import { onReopen } from '../api/connection.js';
import { emptyPg, pgReducer, type LiveItem, type PgState } from './run-store.js';
import type { LifecycleBatch } from '../ui/lifecycle-store.js';

/** Live events are applied at most this often. */
const FLUSH_MS = 40;

export interface PlaygroundRuns {
  state: PgState;
  run(command: string, cwd: string): Promise<void>;
  /** Asks for a script with the native dialog (desktop app only) and runs it; false when cancelled. */
  openScript(cwd: string): Promise<boolean>;
  stop(runId: string): Promise<void>;
  input(runId: string, text: string, eof: boolean): Promise<void>;
  show(runId: string): void;
  /** Shows no run: after a start that failed, the previous run's result must not stay on screen. */
  hide(): void;
}

export function usePlaygroundRuns(api: ApiClient): PlaygroundRuns {
  const [state, dispatch] = useReducer(pgReducer, emptyPg);
  const pending = useRef<LiveItem[]>([]);
  const pendingLifecycle = useRef<LifecycleBatch[]>([]);
  const timer = useRef<number | null>(null);
  /** Applies the pending live items now: a run info must land after every batch that came before it (run-store's merge relies on that order). */
  const flushNow = useRef<() => void>(() => {});

  useEffect(() => {
    let live = true;
    const flush = () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = null;
      const items = pending.current;
      pending.current = [];
      const batches = pendingLifecycle.current;
      pendingLifecycle.current = [];
      if (live && items.length) dispatch({ type: 'live', items });
      if (live && batches.length) dispatch({ type: 'lifecycle', batches });
    };
    flushNow.current = flush;
    // Subscribe first, then ask for the runs so far: the reducer merges the overlap.
    const off = api.on('playground.event', (d) => {
      pending.current.push({ runId: d.runId, event: d.event, receivedAt: Date.now() });
      if (timer.current === null) timer.current = window.setTimeout(flush, FLUSH_MS);
    });
    const offLifecycle = api.on('lifecycle.events', (d) => {
      if (d.scope !== 'playground') return;
      pendingLifecycle.current.push({ runId: d.runId, source: d.source, events: d.events });
      if (timer.current === null) timer.current = window.setTimeout(flush, FLUSH_MS);
    });
    const catchUp = () =>
      api
        .call('playground.runs', {})
        .then((infos) => {
          if (!live) return;
          flush();
          dispatch({ type: 'known', infos });
        })
        .catch(() => {});
    void catchUp();
    // Back from a lost connection: the events (a run's end included) pushed meanwhile were missed.
    const offReopen = onReopen(api, () => void catchUp());
    return () => {
      live = false;
      off();
      offLifecycle();
      offReopen();
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = null;
      pending.current = [];
      pendingLifecycle.current = [];
    };
  }, [api]);

  const run = useCallback(
    async (command: string, cwd: string) => {
      const info = await api.call('playground.run', cwd.trim() ? { command, cwd: cwd.trim() } : { command });
      flushNow.current();
      dispatch({ type: 'known', infos: [info], show: true });
    },
    [api],
  );
  const openScript = useCallback(
    async (cwd: string) => {
      const { path } = await api.call('playground.chooseFile', { kind: 'script' });
      if (path === null) return false;
      const info = await api.call('playground.runFile', cwd.trim() ? { path, cwd: cwd.trim() } : { path });
      flushNow.current();
      dispatch({ type: 'known', infos: [info], show: true });
      return true;
    },
    [api],
  );
  const stop = useCallback(
    async (runId: string) => {
      await api.call('playground.stop', { runId });
    },
    [api],
  );
  const input = useCallback(
    async (runId: string, text: string, eof: boolean) => {
      await api.call('playground.input', eof ? { runId, text, eof: true } : { runId, text });
    },
    [api],
  );
  const show = useCallback((runId: string) => dispatch({ type: 'show', runId }), []);
  const hide = useCallback(() => dispatch({ type: 'hide' }), []);
  return { state, run, openScript, stop, input, show, hide };
}

/** Whether this instance has a native file dialog (the desktop app); web mode does not. */
export function useCanChooseFiles(api: ApiClient): boolean {
  const [can, setCan] = useState(false);
  useEffect(() => {
    let live = true;
    api
      .call('app.info', {})
      .then((info) => live && setCan(info.canChooseFiles))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [api]);
  return can;
}

export type ExamplesState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: PlaygroundExamples };

export function useExamples(api: ApiClient): ExamplesState {
  const [state, setState] = useState<ExamplesState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    api
      .call('playground.examples', {})
      .then((data) => live && setState({ status: 'ready', data }))
      .catch((e: Error) => live && setState({ status: 'error', message: e.message }));
    return () => {
      live = false;
    };
  }, [api]);
  return state;
}
