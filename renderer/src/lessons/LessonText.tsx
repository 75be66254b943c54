// A lesson's text in the small Markdown subset the catalogue uses: paragraphs, `code` spans,
// *emphasis*, **strong**, lists. Parsed by markdown-to-jsx into React elements; raw HTML in the
// text stays text (a "<defunct>" is a word here, not a tag) and nothing becomes a link.
import { Markdown } from 'markdown-to-jsx/react';
import { Fragment, memo } from 'react';

const BLOCK = { forceBlock: true, disableParsingRawHTML: true, disableAutoLink: true, wrapper: Fragment } as const;
const INLINE = { forceInline: true, disableParsingRawHTML: true, disableAutoLink: true, wrapper: Fragment } as const;

export const LessonText = memo(function LessonText({ text, inline = false }: { text: string; inline?: boolean }) {
  return <Markdown options={inline ? INLINE : BLOCK}>{text}</Markdown>;
});
