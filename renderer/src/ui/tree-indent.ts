// How a tree row's indentation is drawn so that deep trees leave the COMMAND readable: the first
// levels at full width, deeper ones in narrow steps, and past a cap the middle levels folded into
// one "+N" marker. Pure (the widths are the CSS's: .guide 16px, .guide.narrow 10px, .guide-more 28px).

/** One indentation cell of a tree row: pstree's │ (pipe), ├ (tee), └ (elbow), or nothing. */
export type Guide = 'pipe' | 'blank' | 'tee' | 'elbow';

/** Levels drawn at full width. */
export const FULL_LEVELS = 6;
/** Deepest levels always drawn (narrow) below a fold, so the nearest lines still join. */
export const TAIL_LEVELS = 8;
/** Above this depth the middle levels are folded. */
export const FOLD_DEPTH = FULL_LEVELS + TAIL_LEVELS + 4;

export const FULL_WIDTH = 16;
export const NARROW_WIDTH = 10;
export const MORE_WIDTH = 28;

export type IndentPart =
  | { kind: 'guide'; guide: Guide; narrow: boolean }
  /** Folded levels: a marker saying how many. */
  | { kind: 'more'; levels: number };

export function indentParts(guides: readonly Guide[]): IndentPart[] {
  const g = (guide: Guide, i: number): IndentPart => ({ kind: 'guide', guide, narrow: i >= FULL_LEVELS });
  if (guides.length <= FOLD_DEPTH) return guides.map(g);
  const tailStart = guides.length - TAIL_LEVELS;
  return [
    ...guides.slice(0, FULL_LEVELS).map(g),
    { kind: 'more', levels: tailStart - FULL_LEVELS },
    ...guides.slice(tailStart).map((x) => g(x, FULL_LEVELS)),
  ];
}

/** Pixel width of the indentation (without the toggle). */
export function indentWidth(parts: readonly IndentPart[]): number {
  return parts.reduce((w, p) => w + (p.kind === 'more' ? MORE_WIDTH : p.narrow ? NARROW_WIDTH : FULL_WIDTH), 0);
}
