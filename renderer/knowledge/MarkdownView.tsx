import { useMemo } from 'react';
import { renderMarkdown } from '../../shared/knowledge/markdown';

/**
 * An article's Markdown on screen. The only HTML the console inserts as such: it comes from the one
 * renderer that shows raw HTML as text and links only to http(s) (shared/knowledge/markdown.ts).
 */
export const MarkdownView = ({ source, label }: { source: string; label?: string }) => {
  const html = useMemo(() => renderMarkdown(source), [source]);
  return <div className="markdown" aria-label={label} dangerouslySetInnerHTML={{ __html: html }} />;
};
