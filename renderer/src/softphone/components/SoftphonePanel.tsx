import { useState, type ReactNode } from 'react';
import type { ActiveCall, Call, Registration } from '../../../../telephony/softphone/softphoneState.js';
import { useNow } from '../../shared/ui/hooks.js';
import { formatDuration } from '../../shared/i18n/format.js';
import { useSoftphone, useSoftphoneActions, useSoftphoneText } from '../hooks.js';
import { selectCall, selectRegistration } from '../softphoneStore.js';
import type { SoftphoneT } from '../i18n.js';
import { Dialpad } from './Dialpad.js';

/**
 * The softphone in the call column: registration state, the ringing call (answer/reject), the
 * call in progress (hang up, hold, mute, timer, DTMF, transfer), devices and auto-answer.
 * Without SIP settings it is a one-line note: the desk phone rings over AMI.
 */
export function SoftphonePanel() {
  const { t } = useSoftphoneText();
  const setup = useSoftphone((s) => s.setup);
  if (setup === 'loading') return null;
  if (setup !== 'enabled') {
    return (
      <section className="panel softphone softphone--desk-phone" data-testid="softphone-desk-phone" aria-label={t('title')}>
        <span className="softphone-note">{t('deskPhone')}</span>
        <span className="muted">{setup === 'error' ? t('errors.settings') : t('deskPhoneHint')}</span>
      </section>
    );
  }
  return <EnabledSoftphone />;
}

function EnabledSoftphone() {
  const { t } = useSoftphoneText();
  const registration = useSoftphone(selectRegistration);
  const call = useSoftphone(selectCall);
  const actionError = useSoftphone((s) => s.actionError);
  const canCall = registration.kind === 'registered' && (call.kind === 'idle' || call.kind === 'ended');
  return (
    <section className={`panel softphone softphone--${call.kind}`} data-testid="softphone" data-call={call.kind} aria-label={t('title')}>
      <RegistrationStatus registration={registration} t={t} />
      <CallSection call={call} t={t} />
      {call.kind === 'active' && <TransferControls call={call} t={t} />}
      <Dialpad canCall={canCall} />
      {actionError && (
        <p className="softphone-error" role="alert" data-testid="softphone-error">
          {t('errors.action')}
        </p>
      )}
      <DeviceSettings t={t} />
    </section>
  );
}

function RegistrationStatus({ registration, t }: { registration: Registration; t: SoftphoneT }) {
  const detail =
    registration.kind === 'failed'
      ? [t(`failure.${registration.reason}`), registration.retryAt ? t('retryAt', { time: new Date(registration.retryAt).toLocaleTimeString('tr-TR') }) : null]
          .filter(Boolean)
          .join(', ')
      : null;
  return (
    <div className={`sip-status sip-status--${registration.kind}`} data-testid="sip-status" data-state={registration.kind} role="status">
      <span className="sip-status-dot" aria-hidden="true" />
      <span>{t(`registration.${registration.kind}`)}</span>
      {detail && <span className="muted"> ({detail})</span>}
    </div>
  );
}

function CallSection({ call, t }: { call: Call; t: SoftphoneT }) {
  const actions = useSoftphoneActions();
  if (call.kind === 'idle') return null;
  const who = (
    <span className="softphone-party">
      <span className="caller-number" data-testid="softphone-number">
        {call.number || t('call.unknownCaller')}
      </span>
      {call.name && <span className="softphone-name"> {call.name}</span>}
    </span>
  );
  if (call.kind === 'ringing') {
    return (
      <div className="softphone-call softphone-call--ringing" data-testid="softphone-call" data-state="ringing" aria-live="assertive">
        <strong>{t('call.ringing')}</strong> {who}
        <div className="softphone-buttons">
          <button type="button" className="primary" data-testid="call-answer" onClick={actions.answer}>
            {t('actions.answer')}
          </button>
          <button type="button" className="danger" data-testid="call-reject" onClick={actions.reject}>
            {t('actions.reject')}
          </button>
        </div>
      </div>
    );
  }
  if (call.kind === 'ended') {
    return (
      <div className="softphone-call softphone-call--ended" data-testid="softphone-call" data-state="ended" data-cause={call.cause}>
        <strong>{t('call.ended')}</strong> {who} <span className="muted">{t(`cause.${call.cause}`)}</span>
      </div>
    );
  }
  if (call.kind !== 'active') {
    return (
      <div className={`softphone-call softphone-call--${call.kind}`} data-testid="softphone-call" data-state={call.kind}>
        <strong>{t(`call.${call.kind}`)}</strong> {who}
        <div className="softphone-buttons">
          <button type="button" className="danger" data-testid="call-hangup" onClick={actions.hangup}>
            {t('actions.hangup')}
          </button>
        </div>
      </div>
    );
  }
  return <ActiveCallView call={call} who={who} t={t} />;
}

function ActiveCallView({ call, who, t }: { call: ActiveCall; who: ReactNode; t: SoftphoneT }) {
  const actions = useSoftphoneActions();
  const now = useNow(true);
  const consulting = call.transfer.kind === 'consulting' || call.transfer.kind === 'completing';
  return (
    <div className="softphone-call softphone-call--active" data-testid="softphone-call" data-state="active">
      <strong>{t('call.active')}</strong> {who}{' '}
      <time className="call-timer" data-testid="call-timer" aria-live="off">
        {formatDuration(Math.max(0, now - call.answeredAt))}
      </time>
      {call.hold.remote && (
        <p className="muted" data-testid="call-remote-hold">
          {t('call.remoteHold')}
        </p>
      )}
      {(call.audio === 'no-inbound' || call.audio === 'no-outbound') && (
        <p className="softphone-warning" role="alert" data-testid="call-audio-warning" data-audio={call.audio}>
          {t(`audio.${call.audio}`)}
        </p>
      )}
      <div className="softphone-buttons">
        <button type="button" className="danger" data-testid="call-hangup" onClick={actions.hangup}>
          {t('actions.hangup')}
        </button>
        <button type="button" data-testid="call-hold" aria-pressed={call.hold.local} disabled={consulting} onClick={actions.toggleHold}>
          {call.hold.local ? t('actions.resume') : t('actions.hold')}
        </button>
        <button type="button" data-testid="call-mute" aria-pressed={call.muted} onClick={actions.toggleMute}>
          {t('actions.mute')}
        </button>
      </div>
    </div>
  );
}

function TransferControls({ call, t }: { call: ActiveCall; t: SoftphoneT }) {
  const actions = useSoftphoneActions();
  const [target, setTarget] = useState('');
  const tr = call.transfer;
  const idle = tr.kind === 'none' || tr.kind === 'failed';
  return (
    <div className="softphone-transfer" data-testid="call-transfer-state" data-state={tr.kind}>
      {idle ? (
        <>
          <input
            data-testid="call-transfer-target"
            aria-label={t('transfer.target')}
            placeholder={t('transfer.target')}
            inputMode="tel"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
          />
          <button type="button" data-testid="call-transfer" disabled={!target.trim()} onClick={() => actions.blindTransfer(target)}>
            {t('actions.transfer')}
          </button>
          <button type="button" data-testid="call-consult" disabled={!target.trim()} onClick={() => actions.startConsult(target)}>
            {t('actions.consult')}
          </button>
          {tr.kind === 'failed' && (
            <p className="softphone-warning" role="alert">
              {t('transfer.failed', { target: tr.target })}
            </p>
          )}
        </>
      ) : tr.kind === 'consulting' ? (
        <>
          <span>
            {t('transfer.consulting', { target: tr.target })} <span className="muted">({t(`call.${tr.phase === 'active' ? 'active' : tr.phase}`)})</span>
          </span>
          <button type="button" className="primary" data-testid="call-consult-complete" disabled={tr.phase !== 'active'} onClick={actions.completeTransfer}>
            {t('actions.complete')}
          </button>
          <button type="button" data-testid="call-consult-cancel" onClick={actions.cancelConsult}>
            {t('actions.cancelConsult')}
          </button>
        </>
      ) : (
        <span aria-live="polite">{t(tr.kind === 'blind' ? 'transfer.blind' : 'transfer.completing', { target: tr.target })}</span>
      )}
    </div>
  );
}

function DeviceSettings({ t }: { t: SoftphoneT }) {
  const actions = useSoftphoneActions();
  const devices = useSoftphone((s) => s.devices);
  const chosen = useSoftphone((s) => s.phone.devices);
  const autoAnswer = useSoftphone((s) => s.phone.autoAnswer);
  return (
    // Labels and ids need the microphone permission: ask again when the list is still empty.
    <div className="softphone-devices" onFocus={() => devices.inputs.length === 0 && void actions.refreshDevices()}>
      <label>
        {t('devices.input')}
        <select data-testid="softphone-input" value={chosen.inputId ?? ''} onChange={(e) => void actions.setInputDevice(e.target.value || null)}>
          <option value="">{t('devices.default')}</option>
          {devices.inputs.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('devices.output')}
        <select data-testid="softphone-output" value={chosen.outputId ?? ''} onChange={(e) => void actions.setOutputDevice(e.target.value || null)}>
          <option value="">{t('devices.default')}</option>
          {devices.outputs.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      <label className="softphone-auto-answer">
        <input type="checkbox" data-testid="softphone-auto-answer" checked={autoAnswer} onChange={(e) => actions.setAutoAnswer(e.target.checked)} />
        {t('autoAnswer')}
      </label>
    </div>
  );
}
