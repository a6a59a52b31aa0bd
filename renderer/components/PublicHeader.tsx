import { LanguageSelect } from './LanguageSelect';

/**
 * The head of the pages anyone may open without signing in (/track and /help): the desk's mark and
 * the language choice. Styled by renderer/track/track.css, which both pages load.
 */
export const PublicHeader = ({ languageLabel }: { languageLabel: string }) => (
  <header className="track-header">
    <div className="track-brand" aria-hidden="true">
      <svg className="track-logo" viewBox="0 0 32 32" width="28" height="28">
        <rect width="32" height="32" rx="7" fill="#1f4e8c" />
        <path d="M8 23V9l8 8 8-8v14" fill="none" stroke="white" strokeWidth="3" strokeLinejoin="round" />
      </svg>
      <span>Meja</span>
    </div>
    <div className="track-language">
      <LanguageSelect label={languageLabel} />
    </div>
  </header>
);
