// The Electron shell: a window, a custom protocol instead of file://, and IPC derived from the
// contract. Everything it calls is the same host that browser mode runs under plain Node.
import { app, BrowserWindow, ipcMain, protocol, session, type IpcMainInvokeEvent } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ipcChannel, methodNames } from '../../core/contract.js';
import { ConfigError, readConfig } from '../host/config.js';
import { startHost, type Host } from '../host/host.js';
import { appResponse } from './appProtocol.js';
import { contentSecurityPolicy, rendererDistDir, sipConnectSource } from './contentSecurity.js';
import { keepRunningOnUnexpectedErrors } from './keepRunning.js';

const APP_ORIGIN = 'app://desk';
const log = (line: string) => process.stderr.write(`[desk] ${line}\n`);
keepRunningOnUnexpectedErrors(process, log, () => app.quit());

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;
  let host: Host | null = null;

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });

  // No window may leave the app or open another one.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  const isOwnMainFrame = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    return (
      frame !== null &&
      mainWindow !== null &&
      event.sender === mainWindow.webContents &&
      frame === mainWindow.webContents.mainFrame &&
      new URL(frame.url).origin === APP_ORIGIN
    );
  };

  app.whenReady().then(async () => {
    const config = readConfig({ ...process.env, DESK_DATA_DIR: process.env.DESK_DATA_DIR ?? app.getPath('userData') });
    const csp = contentSecurityPolicy(`'self'${sipConnectSource(config.softphone.wsUrl)}`);
    const rendererDir = path.resolve(fileURLToPath(rendererDistDir));
    // The page's own files, with the CSP header (webRequest below never sees app:// responses).
    protocol.handle('app', (request) => appResponse(request.url, rendererDir, csp));
    // Anything else the window loads over http(s).
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
    });
    // The softphone's microphone, asked by our own page only; nothing else.
    session.defaultSession.setPermissionRequestHandler((contents, permission, callback) =>
      callback(permission === 'media' && contents.getURL().startsWith('app://')),
    );
    session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permission === 'media' && requestingOrigin.startsWith('app://'));

    host = await startHost(config, log);

    for (const method of methodNames) {
      ipcMain.handle(ipcChannel.invoke(method), (event, params: unknown) => {
        if (!isOwnMainFrame(event) || host === null) {
          return { ok: false, error: { code: 'unavailable', message: 'Request refused' } };
        }
        return host.invoke(method, params);
      });
    }

    mainWindow = new BrowserWindow({
      width: 1440,
      height: 900,
      title: 'ALO 153',
      webPreferences: {
        preload: fileURLToPath(new URL('./preload.cjs', import.meta.url)),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        spellcheck: false,
      },
    });
    host.onEvent((name, payload) => mainWindow?.webContents.send(ipcChannel.event, name, payload));
    await mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
  }).catch((error: unknown) => {
    log(error instanceof ConfigError ? `configuration error: ${error.message}` : 'could not start the desk');
    app.exit(1);
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    void host?.close();
  });
}
