/*
 * apt-get reports its progress on the file descriptor named by `-o APT::Status-Fd=<fd>`, one line
 * per step: `dlstatus:<package>:<percent>:<text>` while downloading and `pmstatus:<package>:<percent>:<text>`
 * while unpacking and configuring. Downloading counts for the first half of the line shown here,
 * installing for the second.
 */

export type AptProgress = { percent: number; text: string };

export const parseAptStatus = (line: string): AptProgress | null => {
  const match = /^(dlstatus|pmstatus):[^:]*:([\d.]+):(.*)$/.exec(line.trim());
  if (match === null) return null;
  const [, phase, percent, text] = match;
  const share = Math.min(100, Math.max(0, Number(percent)));
  return { percent: Math.floor(phase === 'dlstatus' ? share / 2 : 50 + share / 2), text: (text ?? '').trim() };
};
