import MarkdownIt from 'markdown-it';

/**
 * Articles' Markdown as HTML that is safe to put into a page: the one renderer of the console's
 * Knowledge view and the public /help pages, so both show the same text and neither can be made
 * to run anything by what an article (or a caller-facing page) holds.
 *
 * - `html: false`: raw HTML in the source is shown as text, never parsed, so no script, style,
 *   iframe, event attribute or form can come from an article.
 * - Links only to `http:` and `https:` (markdown-it's `validateLink` decides for inline links,
 *   reference links, autolinks and bare URLs alike): `javascript:`, `data:`, `vbscript:`, `file:`,
 *   relative and protocol-relative targets stay as the text that was typed. Entities and escapes are
 *   decoded before the check, so `&#106;avascript:` is caught too.
 * - No images: an image would load from wherever its author pointed, telling that server who reads
 *   the article and when. `![alt](url)` shows as `!` and a link to it, which the reader may follow.
 * - Links open outside the page, and pass on no referrer or opener.
 */
const renderer = new MarkdownIt({ html: false, linkify: true, typographer: false });
renderer.disable(['image']);

const WEB_LINK = /^https?:\/\/[^\s/?#]+/i;

/** Whether a link target (as markdown-it normalised it) may be followed: http(s) to a named host. */
export const isSafeLink = (url: string): boolean => WEB_LINK.test(url);

renderer.validateLink = isSafeLink;

const defaultLinkOpen = renderer.renderer.rules.link_open;
renderer.renderer.rules.link_open = (tokens, index, options, env, self) => {
  const token = tokens[index];
  if (token !== undefined) {
    token.attrSet('rel', 'noopener noreferrer nofollow');
    token.attrSet('target', '_blank');
  }
  return defaultLinkOpen === undefined ? self.renderToken(tokens, index, options) : defaultLinkOpen(tokens, index, options, env, self);
};

/** The HTML of an article's Markdown, safe to insert as is (see above). */
export const renderMarkdown = (source: string): string => renderer.render(source);
