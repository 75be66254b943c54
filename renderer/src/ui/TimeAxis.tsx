// The time axis shared by the lesson and playground timelines: tick labels in seconds above the
// lanes, and the grid lines (with a "now" line while running) behind them.
import type { RefObject } from 'react';
import { secondsTick } from './time-scale.js';

/** A time as a CSS left/width percentage of the scale, clamped to the axis. */
export const pct = (ms: number, scaleMs: number): string => `${Math.max(0, Math.min(100, (ms / scaleMs) * 100))}%`;

export function TimeAxisRow({ ticks, scaleMs, axisRef }: { ticks: number[]; scaleMs: number; axisRef: RefObject<HTMLDivElement | null> }) {
  return (
    <div className="tl-row tl-axis-row">
      <div className="tl-label" />
      <div className="tl-axis" ref={axisRef}>
        {ticks.map((ms) => (
          <span key={ms} className="tl-tick" style={{ left: pct(ms, scaleMs) }}>
            {secondsTick(ms)}
          </span>
        ))}
      </div>
    </div>
  );
}

export function TimeGrid({ ticks, scaleMs, nowMs, running }: { ticks: number[]; scaleMs: number; nowMs: number; running: boolean }) {
  return (
    <div className="tl-grid" aria-hidden="true">
      {ticks.map((ms) => (
        <span key={ms} className="tl-gridline" style={{ left: pct(ms, scaleMs) }} />
      ))}
      {running && <span className="tl-now" style={{ left: pct(nowMs, scaleMs) }} />}
    </div>
  );
}
