import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultDataDir, readConfig } from './config.js';

describe('desk configuration', () => {
  it('runs the simulator with demo defaults when no PBX is configured', () => {
    const config = readConfig({ HOME: '/home/ayse' });
    expect(config.ami).toBeNull();
    expect(config.agentInterface).toBe('Local/1001@sim-agent/n');
    expect(config.browserPort).toBe(5153);
  });

  it('points at a real PBX when DESK_AMI_HOST is set, and insists on credentials', () => {
    const config = readConfig({ DESK_AMI_HOST: 'pbx.belediye.local', DESK_AMI_USER: 'desk', DESK_AMI_SECRET: 's', DESK_AGENT_INTERFACE: 'PJSIP/1004' });
    expect(config.ami).toEqual({ host: 'pbx.belediye.local', port: 5038, username: 'desk', secret: 's' });
    expect(config.agentInterface).toBe('PJSIP/1004');
    expect(() => readConfig({ DESK_AMI_HOST: 'pbx' })).toThrow(ConfigError);
  });

  it('says which setting is wrong instead of guessing', () => {
    expect(() => readConfig({ DESK_PORT: 'abc' })).toThrow('DESK_PORT must be a whole number between 0 and 65535');
    expect(() => readConfig({ DESK_AMI_HOST: 'x', DESK_AMI_USER: 'u', DESK_AMI_SECRET: 's', DESK_AMI_PORT: '70000' })).toThrow('DESK_AMI_PORT');
    expect(readConfig({ DESK_SIM_AUTO_ANSWER_MS: 'off' }).demoPbx.autoAnswerMs).toBeNull();
  });

  it('waits for the call to end before a break asked during it, unless the center wants it at once', () => {
    expect(readConfig({}).wallboard.pauseDuringCall).toBe('after-call');
    expect(readConfig({ DESK_PAUSE_DURING_CALL: 'At-Once' }).wallboard.pauseDuringCall).toBe('at-once');
    expect(() => readConfig({ DESK_PAUSE_DURING_CALL: 'later' })).toThrow('DESK_PAUSE_DURING_CALL must be after-call or at-once');
  });

  it('keeps data in the per-user application folder of each OS unless DESK_DATA_DIR says otherwise', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x/cfg' }, 'linux')).toBe(path.join('/x/cfg', 'alo153-desk'));
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toContain('alo153-desk');
    expect(readConfig({ DESK_DATA_DIR: '/tmp/desk-a' }).dataDir).toBe(path.resolve('/tmp/desk-a'));
  });

  it('runs the central server in-process unless DESK_SERVER_URL names one (or turns sync off)', () => {
    expect(readConfig({}).server).toEqual({ mode: 'embedded' });
    expect(readConfig({ DESK_SERVER_URL: 'https://153.belediye.local/' }).server).toEqual({ mode: 'remote', url: 'https://153.belediye.local' });
    expect(readConfig({ DESK_SERVER_URL: 'off' }).server).toEqual({ mode: 'off' });
    expect(() => readConfig({ DESK_SERVER_URL: 'ftp://x' })).toThrow('DESK_SERVER_URL');
    expect(() => readConfig({ DESK_SERVER_USER: 'operator' })).toThrow('DESK_SERVER_USER and DESK_SERVER_PASSWORD');
    expect(readConfig({ DESK_SERVER_USER: 'operator', DESK_SERVER_PASSWORD: 'p' }).autoLogin).toEqual({ username: 'operator', password: 'p' });
  });

  it('turns the softphone on with a SIP WebSocket and the agent address, and says what is missing', () => {
    expect(readConfig({}).softphone.enabled).toBe(false);
    const on = readConfig({ DESK_SIP_WS_URL: 'wss://pbx.belediye.local:8089/ws', DESK_SIP_URI: 'sip:1004@pbx.belediye.local', DESK_SIP_PASSWORD: 'gizli' });
    expect(on.softphone).toMatchObject({ enabled: true, authorizationUser: '1004', password: 'gizli', iceServers: [], correlationHeader: 'X-Linkedid' });
    expect(() => readConfig({ DESK_SIP_WS_URL: 'wss://pbx' })).toThrow('DESK_SIP_URI');
    expect(() => readConfig({ DESK_SIP_WS_URL: 'http://pbx', DESK_SIP_URI: 'sip:1@pbx' })).toThrow('DESK_SIP_WS_URL');
  });

  it('reconciles queue members every minute by default and can leave the AMI session filters to manager.conf', () => {
    expect(readConfig({}).queueReconcileSec).toBe(60);
    expect(readConfig({ DESK_QUEUE_RECONCILE_SEC: '0' }).queueReconcileSec).toBe(0);
    expect(readConfig({}).amiSessionFilters).toBe(true);
    expect(readConfig({ DESK_AMI_FILTERS: 'off' }).amiSessionFilters).toBe(false);
  });
});
