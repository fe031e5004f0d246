// The Electron shell: a window, a custom protocol instead of file://, and IPC derived from the
// contract. Everything it calls is the same host that browser mode runs under plain Node.
import { app, BrowserWindow, dialog, globalShortcut, ipcMain, Menu, nativeImage, Notification, protocol, session, Tray, type IpcMainInvokeEvent } from 'electron';
import electronUpdater from 'electron-updater';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ipcChannel, methodNames } from '../../core/contract.js';
import { ConfigError, readConfig } from '../host/config.js';
import { startHost, type Host } from '../host/host.js';
import { appResponse } from './appProtocol.js';
import { contentSecurityPolicy, rendererDistDir, sipConnectSource } from './contentSecurity.js';
import { keepRunningOnUnexpectedErrors } from './keepRunning.js';
import { createElectronDesktop, type ElectronDesktop, type MenuTemplateItem } from './electronDesktop.js';
import { createElectronUpdater } from './electronUpdater.js';
import { linuxAutostartPlace, setLinuxAutostart } from './autostart.js';
import { trayIconPng } from './trayIcons.js';

const APP_ORIGIN = 'app://desk';
const log = (line: string) => process.stderr.write(`[desk] ${line}\n`);
keepRunningOnUnexpectedErrors(process, log, () => app.quit());

// The ring plays when a call comes in, whether or not the operator has clicked in the window yet.
app.commandLine.appendSwitch('autoplay-policy', 'no-user-gesture-required');
// Chromium's own widgets speak the desk's language (issue 18): date fields follow the page's
// <html lang> (dd.mm.yyyy in Turkish, switched with the UI language), and the rest (the file
// button, form validation bubbles) the application locale, Turkish unless fixed to English.
app.commandLine.appendSwitch('enable-blink-features', 'LangAttributeAwareFormControlUI');
app.commandLine.appendSwitch('lang', process.env.DESK_LANGUAGE === 'en' ? 'en-US' : 'tr');

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;
  let host: Host | null = null;
  let desktop: ElectronDesktop | null = null;

  // A second start (the desktop icon clicked again) brings this one up, from the tray too.
  app.on('second-instance', () => desktop?.raise());

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

    desktop = createElectronDesktop({
      createTray: (icon) => new Tray(icon as Electron.NativeImage),
      buildMenu: (template: MenuTemplateItem[]) => Menu.buildFromTemplate(template),
      trayIcon: (state) => nativeImage.createFromBuffer(trayIconPng(state)),
      // Silent: the page rings; critical and never timing out, so it stays until answered or clicked.
      createNotification: (notice) => new Notification({ ...notice, silent: true, urgency: 'critical', timeoutType: 'never' }),
      globalShortcut,
      showMessageBox: (window, options) => (window ? dialog.showMessageBox(window as BrowserWindow, options) : dialog.showMessageBox(options)),
      setStartAtLogin: (on) =>
        process.platform === 'linux' ? setLinuxAutostart(on, linuxAutostartPlace()) : app.setLoginItemSettings({ openAtLogin: on }),
      quit: () => app.quit(),
      // Only an installed build has an app-update.yml and something to replace.
      updater: app.isPackaged ? createElectronUpdater(electronUpdater.autoUpdater) : null,
    });
    host = await startHost(config, log, { desktop });

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
    desktop.bindWindow(mainWindow);
    host.onEvent((name, payload) => mainWindow?.webContents.send(ipcChannel.event, name, payload));
    await mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
  }).catch((error: unknown) => {
    log(error instanceof ConfigError ? `configuration error: ${error.message}` : 'could not start the desk');
    app.exit(1);
  });

  app.on('window-all-closed', () => app.quit());
  // However the app quits (tray, the OS logging out, an update installing), the window may close now.
  app.on('before-quit', () => desktop?.allowClose());
  app.on('will-quit', () => {
    void host?.close();
  });
}
