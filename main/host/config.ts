import os from 'node:os';
import path from 'node:path';
import { DeskRole } from '../../core/contract.js';
import type { WallboardSettings } from '../../core/queue.js';
import type { SoftphoneSettings } from '../../core/softphone.js';
import type { UserSettings } from '../../core/deskSettings.js';
import { adminSettingsFrom, SettingsEnvError } from './settingsModel.js';

export interface AmiTarget {
  host: string;
  port: number;
  username: string;
  secret: string;
}

export interface DemoCaller {
  number: string;
  name: string | null;
}

export interface DemoPbxSettings {
  /** null: the built-in demo callers. */
  callers: DemoCaller[] | null;
  callIntervalMs: number;
  autoAnswerMs: number | null;
  talkTimeMs: number;
  /** Mean patience of simulated callers (exponential): who waits longer hangs up, an abandon. */
  patienceMeanMs: number | null;
}

/**
 * The central server: `embedded` runs it in-process on PGlite with demo accounts (the default,
 * what `npm start` shows); `remote` is the municipality's server; `off` keeps the desk alone.
 */
export type CentralServer =
  | { mode: 'embedded' }
  | { mode: 'remote'; url: string }
  | { mode: 'off' };

/** Signs the desk in at start without the login screen: unattended desks and tests. */
export interface AutoLogin {
  username: string;
  password: string;
}

export interface DeskConfig {
  dataDir: string;
  /** null: no PBX configured, so the host runs the simulator in-process (demo mode). */
  ami: AmiTarget | null;
  demoPbx: DemoPbxSettings;
  agentInterface: string;
  agentName: string | null;
  role: DeskRole;
  /** The team lead's own phone for listen/whisper/barge (ChanSpy rings it), e.g. PJSIP/2001. */
  supervisorPhone: string | null;
  wallboard: WallboardSettings;
  /**
   * Seconds between QueueStatus reads that catch member changes Asterisk announces with no event
   * (`queue reload members`); 0: only on Reload and on an unknown member's device state.
   */
  queueReconcileSec: number;
  /**
   * Whether the desk sets its own AMI session filters (amiFilters.ts). Off (DESK_AMI_FILTERS=off)
   * for a manager.conf user whose `eventfilter` lines already narrow the stream.
   */
  amiSessionFilters: boolean;
  browserPort: number;
  server: CentralServer;
  autoLogin: AutoLogin | null;
  /** The WebRTC softphone's registration; `enabled` false without DESK_SIP_WS_URL. */
  softphone: SoftphoneSettings;
  /** Dialplan context a desk phone's click-to-dial continues in (AMI Originate). */
  dialContext: string;
  /** Settings an administrator fixed with environment variables (DESK_LANGUAGE, DESK_HOTKEYS, …): they override the operator's. */
  adminSettings: UserSettings;
}

/** Pause reasons offered by default (the issue's list, in the users' language). */
export const DEFAULT_PAUSE_REASONS = ['Mola', 'Yemek', 'Eğitim', 'Toplantı', 'Evrak', 'Geri arama'];

const APP_FOLDER = 'alo153-desk';

/** The operating system's per-user application-data folder, the same one Electron's userData uses. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_FOLDER);
}

export class ConfigError extends Error {}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number between ${min} and ${max}`);
  }
  return value;
}

/**
 * DESK_PAUSE_DURING_CALL: a break asked during a call waits for the call's end ('after-call', the
 * default: the operator finishes the citizen's call, then goes) or pauses at once ('at-once',
 * Asterisk's own behaviour, for centers whose reports expect it).
 */
function pauseDuringCallFrom(value: string | undefined): 'after-call' | 'at-once' {
  const text = value?.trim().toLowerCase() || 'after-call';
  if (text !== 'after-call' && text !== 'at-once') throw new ConfigError('DESK_PAUSE_DURING_CALL must be after-call or at-once');
  return text;
}

/** Reads the desk's settings from the environment; every variable is documented in the README. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): DeskConfig {
  const amiHost = env.DESK_AMI_HOST?.trim();
  const ami: AmiTarget | null = amiHost
    ? {
        host: amiHost,
        port: intFrom(env, 'DESK_AMI_PORT', 5038, 1, 65535),
        username: env.DESK_AMI_USER ?? '',
        secret: env.DESK_AMI_SECRET ?? '',
      }
    : null;
  if (ami && (!ami.username || !ami.secret)) {
    throw new ConfigError('DESK_AMI_USER and DESK_AMI_SECRET are required when DESK_AMI_HOST is set');
  }
  const autoAnswer = env.DESK_SIM_AUTO_ANSWER_MS === 'off' ? null : intFrom(env, 'DESK_SIM_AUTO_ANSWER_MS', 2500, 0, 600_000);
  const role = DeskRole.safeParse(env.DESK_ROLE?.trim() || 'operator');
  if (!role.success) throw new ConfigError(`DESK_ROLE must be one of: ${DeskRole.options.join(', ')}`);
  const pauseReasons = env.DESK_PAUSE_REASONS?.split(',').map((r) => r.trim()).filter(Boolean) ?? [];
  return {
    role: role.data,
    supervisorPhone: env.DESK_SUPERVISOR_PHONE?.trim() || null,
    wallboard: {
      longestWaitAlertSec: intFrom(env, 'DESK_LONGEST_WAIT_ALERT_SEC', 20, 1, 3600),
      pauseReasons: pauseReasons.length > 0 ? pauseReasons : DEFAULT_PAUSE_REASONS,
      wrapUpSec: intFrom(env, 'DESK_WRAPUP_SEC', 10, 0, 600),
      pauseDuringCall: pauseDuringCallFrom(env.DESK_PAUSE_DURING_CALL),
    },
    queueReconcileSec: intFrom(env, 'DESK_QUEUE_RECONCILE_SEC', 60, 0, 3600),
    amiSessionFilters: env.DESK_AMI_FILTERS?.trim().toLowerCase() !== 'off',
    dataDir: env.DESK_DATA_DIR?.trim() ? path.resolve(env.DESK_DATA_DIR) : defaultDataDir(env),
    ami,
    demoPbx: {
      callers: parseCallers(env.DESK_SIM_CALLERS),
      callIntervalMs: intFrom(env, 'DESK_SIM_CALL_INTERVAL_MS', 15_000, 0, 3_600_000),
      autoAnswerMs: autoAnswer,
      talkTimeMs: intFrom(env, 'DESK_SIM_TALK_MS', 25_000, 100, 3_600_000),
      patienceMeanMs: env.DESK_SIM_PATIENCE_MS === 'off' ? null : intFrom(env, 'DESK_SIM_PATIENCE_MS', 60_000, 100, 3_600_000),
    },
    agentInterface: env.DESK_AGENT_INTERFACE?.trim() || 'Local/1001@sim-agent/n',
    agentName: env.DESK_AGENT_NAME?.trim() || (ami ? null : 'Ayşe Yılmaz'),
    browserPort: intFrom(env, 'DESK_PORT', 5153, 0, 65535),
    server: centralServerFrom(env.DESK_SERVER_URL),
    autoLogin: autoLoginFrom(env),
    softphone: softphoneFrom(env, env.DESK_AGENT_NAME?.trim() || (ami ? null : 'Ayşe Yılmaz')),
    dialContext: env.DESK_DIAL_CONTEXT?.trim() || 'outside',
    adminSettings: adminSettingsOf(env),
  };
}

function adminSettingsOf(env: NodeJS.ProcessEnv): UserSettings {
  try {
    return adminSettingsFrom(env);
  } catch (error) {
    if (error instanceof SettingsEnvError) throw new ConfigError(error.message);
    throw error;
  }
}

/** `905321112233:Ali Veli,902125550142` → callers for the simulated queue. */
function parseCallers(raw: string | undefined): DemoCaller[] | null {
  if (raw === undefined || raw.trim() === '') return null;
  return raw.split(',').map((entry) => {
    const [number = '', ...name] = entry.split(':');
    if (!/^\+?[0-9]{3,20}$/.test(number.trim())) throw new ConfigError('DESK_SIM_CALLERS must list numbers, e.g. 905321112233:Ali Veli,902125550142');
    return { number: number.trim(), name: name.join(':').trim() || null };
  });
}

function centralServerFrom(raw: string | undefined): CentralServer {
  const value = raw?.trim() ?? '';
  if (value === '' || value === 'embedded') return { mode: 'embedded' };
  if (value === 'off') return { mode: 'off' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('DESK_SERVER_URL must be an http(s) URL, "embedded" or "off"');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError('DESK_SERVER_URL must be an http(s) URL, "embedded" or "off"');
  return { mode: 'remote', url: url.origin + url.pathname.replace(/\/+$/, '') };
}

function autoLoginFrom(env: NodeJS.ProcessEnv): AutoLogin | null {
  const username = env.DESK_SERVER_USER?.trim() ?? '';
  const password = env.DESK_SERVER_PASSWORD ?? '';
  if (username === '' && password === '') return null;
  if (username === '' || password === '') throw new ConfigError('DESK_SERVER_USER and DESK_SERVER_PASSWORD go together');
  return { username, password };
}

function softphoneFrom(env: NodeJS.ProcessEnv, agentName: string | null): SoftphoneSettings {
  const wsUrl = env.DESK_SIP_WS_URL?.trim() || null;
  const common = {
    autoAnswer: env.DESK_SIP_AUTO_ANSWER === '1',
    iceServers: (env.DESK_SIP_STUN ?? '').split(',').map((u) => u.trim()).filter(Boolean).map((urls) => ({ urls })),
    iceGatheringTimeoutMs: intFrom(env, 'DESK_SIP_ICE_TIMEOUT_MS', 1000, 50, 10_000),
    correlationHeader: env.DESK_SIP_CORRELATION_HEADER?.trim() || 'X-Linkedid',
  };
  if (wsUrl === null) {
    return { enabled: false, wsUrl: null, sipUri: null, authorizationUser: null, password: null, displayName: null, ...common };
  }
  if (!/^wss?:\/\/[^\s/]+/.test(wsUrl)) throw new ConfigError('DESK_SIP_WS_URL must be a ws:// or wss:// URL');
  const sipUri = env.DESK_SIP_URI?.trim() ?? '';
  const user = /^sips?:([^@\s]+)@[^\s]+$/.exec(sipUri)?.[1];
  if (user === undefined) throw new ConfigError('DESK_SIP_URI must be the agent\'s SIP address, e.g. sip:1001@pbx.belediye.local');
  return {
    enabled: true,
    wsUrl,
    sipUri,
    authorizationUser: env.DESK_SIP_USER?.trim() || user,
    // Held by this process only; the renderer gets it in memory when it registers.
    password: env.DESK_SIP_PASSWORD ?? null,
    displayName: env.DESK_SIP_DISPLAY_NAME?.trim() || agentName,
    ...common,
  };
}
