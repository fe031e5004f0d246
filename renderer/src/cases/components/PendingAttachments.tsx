import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES } from '../../../../core/contract.js';
import { formatBytes } from '../../shared/i18n/format.js';
import { useLanguage } from '../../shared/ui/hooks.js';
import { useDeskPart } from '../../shared/desk/deskContext.js';
import {
  createPendingAttachments,
  fileRemoved,
  filePicked,
  followFormSaves,
  MAX_PENDING,
  type FormSaves,
  type PendingAttachmentsStore,
} from '../pendingAttachments.js';
import { attachmentTypeNames } from './AttachmentsSection.js';

/**
 * Photos and documents chosen in the case form before it is saved: listed with name and size,
 * removable, and added to the case when the form saves it (pendingAttachments.ts). The picker is
 * a button of ours that opens the system's file dialog; the browser's own file input would speak
 * the browser's language.
 */
export function PendingAttachments({ form, store: given }: { form: FormSaves; store?: PendingAttachmentsStore }) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const { client } = useDeskPart();
  const [store] = useState(() => given ?? createPendingAttachments());
  const state = useStore(store);
  const input = useRef<HTMLInputElement>(null);
  const nextKey = useRef(1);
  const limits = { types: attachmentTypeNames(), max: formatBytes(ATTACHMENT_MAX_BYTES, lng) };

  useEffect(() => followFormSaves(form, store, client), [form, store, client]);

  const onFiles = (files: FileList | null) => {
    for (const file of Array.from(files ?? [])) {
      const picked = { name: file.name, type: file.type, size: file.size, bytes: async () => new Uint8Array(await file.arrayBuffer()) };
      store.setState((s) => filePicked(s, picked, nextKey.current++), true);
    }
    if (input.current) input.current.value = '';
  };

  return (
    <fieldset className="form-section pending-attachments" data-testid="pending-attachments">
      <legend>{t('pendingAttachments.title', { count: state.files.length })}</legend>
      <div className="pending-attachments-pick">
        <button
          type="button"
          data-testid="pending-attachment-pick"
          disabled={state.files.length >= MAX_PENDING}
          aria-describedby="pending-attachment-help"
          onClick={() => input.current?.click()}
        >
          {t('pendingAttachments.pick')}
        </button>
        <span id="pending-attachment-help" className="muted">
          {t('pendingAttachments.help', limits)}
        </span>
        <input
          ref={input}
          type="file"
          hidden
          multiple
          tabIndex={-1}
          data-testid="pending-attachment-input"
          accept={ATTACHMENT_TYPES.join(',')}
          onChange={(e) => onFiles(e.target.files)}
        />
      </div>
      {state.files.length > 0 && (
        <ul className="pending-attachment-list" aria-label={t('pendingAttachments.listLabel')}>
          {state.files.map((f) => (
            <li key={f.key} data-testid="pending-attachment">
              <span className="attachment-name">{f.name}</span>
              <span className="muted">{formatBytes(f.size, lng)}</span>
              <button
                type="button"
                className="link"
                data-testid="pending-attachment-remove"
                aria-label={t('pendingAttachments.removeNamed', { name: f.name })}
                onClick={() => store.setState((s) => fileRemoved(s, f.key), true)}
              >
                {t('pendingAttachments.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {state.refused && (
        <p className="error" role="alert" data-testid="pending-attachment-error" data-problem={state.refused.problem}>
          {state.refused.problem === 'tooMany'
            ? t('pendingAttachments.tooMany', { max: MAX_PENDING })
            : t(`errors.attachment.${state.refused.problem}`, { ...limits, name: state.refused.name })}
        </p>
      )}
      <div role="status" data-testid="pending-attachments-status">
        {state.sending && <span className="muted">{t('pendingAttachments.sending', state.sending)}</span>}
        {state.sent && state.sent.added.length > 0 && (
          <span data-testid="pending-attachments-added">
            {t('pendingAttachments.added', { count: state.sent.added.length, applicationNo: state.sent.applicationNo })}
          </span>
        )}
      </div>
      {state.sent?.failed.map((f) => (
        <p key={f.name} className="error" role="alert" data-testid="pending-attachment-failed" data-problem={f.problem}>
          {t(`errors.attachment.${f.problem}`, { ...limits, name: f.name })}{' '}
          {t('pendingAttachments.failedAfterSave', { applicationNo: state.sent!.applicationNo })}
        </p>
      ))}
    </fieldset>
  );
}
