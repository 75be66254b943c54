// Feeds a run store (ui/run-store) the way both run pages need it: subscribe to the live events
// and lifecycle batches first, then ask for the runs so far (the store merges the overlap), and
// ask again each time a lost connection comes back (the events pushed meanwhile, a run's end
// included, were missed). Live events may be applied in batches (a program printing thousands of
// lines a second then costs one render per batch, not one per line).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../../shared/api.js';
import { onReopen } from '../api/connection.js';
import type { LifecycleBatch } from './lifecycle-store.js';

/** Where a page's runs come from; a module constant (the feed restarts when it changes). */
export interface RunFeedSource<L, I> {
  /** Live events are applied at most this often (ms); 0 applies each one as it comes. */
  batchMs: number;
  /** Subscribes to the page's live events; returns the unsubscribe. */
  onLive(api: ApiClient, push: (item: L) => void): () => void;
  /** Subscribes to the page's exact lifecycle batches; returns the unsubscribe. */
  onLifecycle(api: ApiClient, push: (batch: LifecycleBatch) => void): () => void;
  /** The runs so far, every event included. */
  fetchKnown(api: ApiClient): Promise<readonly I[]>;
}

/** What the feed hands to the store; kept stable by the page (it restarts the feed when it changes). */
export interface RunFeedSink<L, I> {
  live(items: L[]): void;
  lifecycle(batches: LifecycleBatch[]): void;
  known(infos: readonly I[]): void;
}

export interface RunFeed {
  /** Set once the first catch-up answered (or failed). */
  caughtUp: boolean;
  /**
   * Applies the pending live events now. A page calls it before it applies a run info it got
   * itself (the answer that started a run): an info must land after every batch that came
   * before it, which the store's merge relies on.
   */
  flushNow(): void;
}

export function useRunFeed<L, I>(api: ApiClient, source: RunFeedSource<L, I>, sink: RunFeedSink<L, I>): RunFeed {
  const [caughtUp, setCaughtUp] = useState(false);
  const flushRef = useRef<() => void>(() => {});

  useEffect(() => {
    let live = true;
    let pending: L[] = [];
    let pendingLifecycle: LifecycleBatch[] = [];
    let timer: number | null = null;
    const flush = () => {
      if (timer !== null) window.clearTimeout(timer);
      timer = null;
      const items = pending;
      pending = [];
      const batches = pendingLifecycle;
      pendingLifecycle = [];
      if (live && items.length) sink.live(items);
      if (live && batches.length) sink.lifecycle(batches);
    };
    const later = () => {
      if (source.batchMs <= 0) flush();
      else if (timer === null) timer = window.setTimeout(flush, source.batchMs);
    };
    flushRef.current = flush;
    const offLive = source.onLive(api, (item) => {
      pending.push(item);
      later();
    });
    const offLifecycle = source.onLifecycle(api, (batch) => {
      pendingLifecycle.push(batch);
      later();
    });
    const catchUp = () =>
      source
        .fetchKnown(api)
        .then((infos) => {
          if (!live) return;
          flush();
          sink.known(infos);
        })
        .catch(() => {});
    void catchUp().finally(() => live && setCaughtUp(true));
    const offReopen = onReopen(api, () => void catchUp());
    return () => {
      live = false;
      offLive();
      offLifecycle();
      offReopen();
      if (timer !== null) window.clearTimeout(timer);
      timer = null;
      pending = [];
      pendingLifecycle = [];
      flushRef.current = () => {};
    };
  }, [api, source, sink]);

  const flushNow = useCallback(() => flushRef.current(), []);
  return { caughtUp, flushNow };
}
