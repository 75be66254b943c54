// A line of program output (ui/RunConsole) with its ANSI SGR colours and styles drawn (red
// errors, bold headings, 256 and true colours), parsed by anser; other escape sequences (cursor
// moves, line clears) are dropped rather than shown as "[2K". The 16 base colours come from the console's
// palette (readable on its dark background); 256-colour and true-colour values are drawn as given.
import Anser from 'anser';
import { memo, type CSSProperties } from 'react';

/** The xterm 256-colour palette above the 16 base colours: a 6×6×6 cube, then 24 greys. */
function palette256(n: number): string | null {
  if (n >= 232 && n <= 255) {
    const v = 8 + (n - 232) * 10;
    return `rgb(${v}, ${v}, ${v})`;
  }
  if (n < 16 || n > 231) return null;
  const c = n - 16;
  const level = (x: number) => (x === 0 ? 0 : 55 + x * 40);
  return `rgb(${level(Math.floor(c / 36))}, ${level(Math.floor(c / 6) % 6)}, ${level(c % 6)})`;
}

/** A class name for a base colour, or an inline colour for the others. */
function colour(value: string | null, truecolor: string | null): { cls?: string; css?: string } {
  if (!value) return {};
  if (value === 'ansi-truecolor') return truecolor ? { css: `rgb(${truecolor})` } : {};
  const m = /^ansi-palette-(\d+)$/.exec(value);
  if (m) {
    const css = palette256(Number(m[1]));
    return css ? { css } : {};
  }
  return { cls: value };
}

export const AnsiText = memo(function AnsiText({ text }: { text: string }) {
  // Most lines have no escape at all: no parse, no spans.
  if (!text.includes('\u001b')) return <>{text}</>;
  const parts = Anser.ansiToJson(text, { json: true, remove_empty: true, use_classes: true });
  return (
    <>
      {parts.map((p, i) => {
        if (!p.was_processed && !p.fg && !p.bg && p.decorations.length === 0) return <span key={i}>{p.content}</span>;
        const fg = colour(p.fg, p.fg_truecolor);
        const bg = colour(p.bg, p.bg_truecolor);
        const classes = [fg.cls && `${fg.cls}-fg`, bg.cls && `${bg.cls}-bg`, ...p.decorations.map((d) => `ansi-${d}`)].filter(Boolean).join(' ');
        const style: CSSProperties = {};
        if (fg.css) style.color = fg.css;
        if (bg.css) style.backgroundColor = bg.css;
        return (
          <span key={i} className={classes || undefined} style={fg.css || bg.css ? style : undefined} data-ansi="">
            {p.content}
          </span>
        );
      })}
    </>
  );
});
