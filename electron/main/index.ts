import { app, BrowserWindow } from 'electron';
import { createConsoleWindow } from './window';

// Start-up only: each concern lives in its own module.
const serverUrl = process.env.MEJA_SERVER_URL ?? 'http://127.0.0.1:4780';

app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();

app.on('second-instance', () => {
  const [window] = BrowserWindow.getAllWindows();
  window?.focus();
});
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('activate', () => {
  if (BrowserWindow.getAllWindows().length === 0) createConsoleWindow(serverUrl);
});

void app.whenReady().then(() => createConsoleWindow(serverUrl));
