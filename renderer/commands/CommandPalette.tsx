import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../app/store';
import { Dialog } from '../components/Dialog';
import { useListCursor } from '../components/useListCursor';
import { allowedCommands, commandContext, isCallTitle, type Command } from './commands';
import { paletteStore, usePaletteOpen } from './paletteStore';
import { useRunCommand } from './useCommands';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** `Mod+k` as this platform writes it. */
export const shortcutLabel = (shortcut: string): string =>
  shortcut.replace('Mod+', isMac ? '⌘' : 'Ctrl+').replace(/\+(\w)$/, (_, key: string) => `+${key.toUpperCase()}`);

/** The key shown beside a command: its shortcut, else the key its own control answers to. */
const keyOfCommand = (command: Command): string | null => command.shortcut ?? command.keyHint ?? null;

export type CommandPaletteProps = {
  commands: ReadonlyArray<{ command: Command; title: string; isEnabled: boolean }>;
  onRun(command: Command): void;
  onClose(): void;
};

/** The commands the user's role may use, with their shortcuts, filtered by what is typed; arrows choose, Enter runs. */
export const CommandPalette = ({ commands, onRun, onClose }: CommandPaletteProps) => {
  const { t } = useTranslation('queue');
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const words = query
      .toLowerCase()
      .split(/\s+/)
      .filter((word) => word !== '');
    return commands.filter(({ title }) => words.every((word) => title.toLowerCase().includes(word)));
  }, [commands, query]);
  const { current, reset, moveOnArrow } = useListCursor(shown);
  return (
    <Dialog title={t('palette')} onClose={onClose}>
      <input
        className="palette-input"
        aria-label={t('paletteSearch')}
        placeholder={t('paletteSearch')}
        value={query}
        autoFocus
        role="combobox"
        aria-expanded="true"
        aria-controls="palette-list"
        aria-activedescendant={current === undefined ? undefined : `palette-${current.command.id}`}
        onChange={(event) => {
          setQuery(event.target.value);
          reset();
        }}
        onKeyDown={(event) => {
          if (moveOnArrow(event)) return;
          if (event.key === 'Enter' && current !== undefined && current.isEnabled) {
            event.preventDefault();
            onRun(current.command);
          }
        }}
      />
      <ul className="palette-list" id="palette-list" role="listbox" aria-label={t('palette')}>
        {shown.length === 0 && <li className="empty">{t('paletteEmpty')}</li>}
        {shown.map(({ command, title, isEnabled }) => {
          const key = keyOfCommand(command);
          return (
            <li
              key={command.id}
              id={`palette-${command.id}`}
              role="option"
              aria-selected={command === current?.command}
              aria-disabled={!isEnabled}
              className={command === current?.command ? 'palette-item is-active' : 'palette-item'}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => isEnabled && onRun(command)}
            >
              <span>{title}</span>
              {key !== null && <kbd>{shortcutLabel(key)}</kbd>}
            </li>
          );
        })}
      </ul>
    </Dialog>
  );
};

/** The palette while open; commands are listed as they stand when it opens. */
export const ConnectedCommandPalette = () => {
  const isOpen = usePaletteOpen();
  return isOpen ? <OpenPalette /> : null;
};

const OpenPalette = () => {
  const { t } = useTranslation('queue');
  const { t: tCall } = useTranslation('call');
  const store = useAppStore();
  const run = useRunCommand();
  const [commands] = useState(() => {
    const context = commandContext(store.getState());
    return allowedCommands(context).map((command) => ({
      command,
      title: isCallTitle(command.title) ? tCall(`commands.${command.title}`) : t(`commands.${command.title}`),
      isEnabled: command.id !== 'palette:open' && command.isEnabled(context),
    }));
  });
  const close = () => paletteStore.getState().setOpen(false);
  return (
    <CommandPalette
      commands={commands}
      onClose={close}
      onRun={(command) => {
        close();
        run(command);
      }}
    />
  );
};
