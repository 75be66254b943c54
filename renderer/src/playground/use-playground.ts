// Keeps the playground runs the page knows about: catches up with playground.runs when the page
// opens (a run may be half way) and again after a lost connection, follows the live
// 'playground.event' stream in batches through ui/use-run-feed (a program printing thousands of
// lines a second costs one render per batch, not one per line), and starts, stops and feeds runs.
import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import type { ApiClient } from '../../../shared/api.js';
import type { PlaygroundExamples, PlaygroundRunInfo } from '../../../shared/playground.js';
import { useRunFeed, type RunFeedSink, type RunFeedSource } from '../ui/use-run-feed.js';
import { emptyPg, pgReducer, type LiveItem, type PgAction, type PgState } from './playground-run-store.js';

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

const PLAYGROUND_FEED: RunFeedSource<LiveItem, PlaygroundRunInfo> = {
  /** Live events are applied at most this often. */
  batchMs: 40,
  onLive: (api, push) => api.on('playground.event', (d) => push({ runId: d.runId, event: d.event, receivedAt: Date.now() })),
  onLifecycle: (api, push) =>
    api.on('lifecycle.events', (d) => {
      if (d.scope === 'playground') push({ runId: d.runId, source: d.source, events: d.events });
    }),
  fetchKnown: (api) => api.call('playground.runs', {}),
};

function playgroundSink(dispatch: (action: PgAction) => void): RunFeedSink<LiveItem, PlaygroundRunInfo> {
  return {
    live: (items) => dispatch({ type: 'live', items }),
    lifecycle: (batches) => dispatch({ type: 'lifecycle', batches }),
    known: (infos) => dispatch({ type: 'known', infos }),
  };
}

export function usePlaygroundRuns(api: ApiClient): PlaygroundRuns {
  const [state, dispatch] = useReducer(pgReducer, emptyPg);
  const sink = useMemo(() => playgroundSink(dispatch), []);
  const { flushNow } = useRunFeed(api, PLAYGROUND_FEED, sink);

  const run = useCallback(
    async (command: string, cwd: string) => {
      const info = await api.call('playground.run', cwd.trim() ? { command, cwd: cwd.trim() } : { command });
      flushNow();
      dispatch({ type: 'known', infos: [info], show: true });
    },
    [api, flushNow],
  );
  const openScript = useCallback(
    async (cwd: string) => {
      const { path } = await api.call('playground.chooseFile', { kind: 'script' });
      if (path === null) return false;
      const info = await api.call('playground.runFile', cwd.trim() ? { path, cwd: cwd.trim() } : { path });
      flushNow();
      dispatch({ type: 'known', infos: [info], show: true });
      return true;
    },
    [api, flushNow],
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
