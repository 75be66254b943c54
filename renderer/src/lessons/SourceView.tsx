// The lesson program's source, read-only, with line numbers and syntax colours (React spans
// from the tokenizer: the text is never parsed as HTML).
import { memo, useMemo } from 'react';
import type { ProgramLanguage } from '../../../shared/lessons.js';
import { highlightLines } from './highlight.js';

export const SourceView = memo(function SourceView({ source, label, language = 'typescript' }: { source: string; label: string; language?: ProgramLanguage }) {
  const lines = useMemo(() => highlightLines(source, language), [source, language]);
  const width = String(lines.length).length;
  return (
    <div className="source" role="region" aria-label={label} tabIndex={0} data-testid="lesson-source" data-language={language}>
      <pre className="source-pre" style={{ ['--ln-w' as string]: `${width + 1}ch` }}>
        {lines.map((tokens, i) => (
          <div className="source-line" key={i}>
            <span className="ln" aria-hidden="true">{i + 1}</span>
            <code>
              {tokens.length === 0 ? '\u200b' : tokens.map((tok, j) => (tok.kind === 'plain' ? tok.text : <span key={j} className={`tk-${tok.kind}`}>{tok.text}</span>))}
            </code>
          </div>
        ))}
      </pre>
    </div>
  );
});
