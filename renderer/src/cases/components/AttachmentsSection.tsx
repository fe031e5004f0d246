import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, type AttachmentInfo } from '../../../../core/contract.js';
import { useLanguage } from '../../shared/ui/hooks.js';
import { formatBytes, formatDateTime } from '../../shared/i18n/format.js';
import { useCasesDesk, useDetail } from '../deskPart.js';

const TYPE_LABEL: Record<string, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'application/pdf': 'PDF',
};

/** The accepted types as people name them ("JPEG, PNG, WebP, PDF"), for the limits' messages. */
export const attachmentTypeNames = (): string => ATTACHMENT_TYPES.map((m) => TYPE_LABEL[m] ?? m).join(', ');

/** Photos and documents of a case; adding one checks type and size here and again on the host, by content. */
export function AttachmentsSection({ attachments }: { attachments: readonly AttachmentInfo[] }) {
  const { t } = useTranslation();
  const desk = useCasesDesk();
  const lng = useLanguage();
  const upload = useDetail((s) => s.upload);
  const input = useRef<HTMLInputElement>(null);
  const limits = {
    types: attachmentTypeNames(),
    max: formatBytes(ATTACHMENT_MAX_BYTES, lng),
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    await desk.detail.attach({
      name: file.name,
      type: file.type,
      size: file.size,
      bytes: async () => new Uint8Array(await file.arrayBuffer()),
    });
    if (input.current) input.current.value = '';
  };

  return (
    <section className="attachments" aria-labelledby="case-attachments-title">
      <h3 id="case-attachments-title">{t('detail.attachments', { count: attachments.length })}</h3>
      {attachments.length > 0 && (
        <ul>
          {attachments.map((a) => (
            <li key={a.id} data-testid="case-attachment">
              <span className="attachment-name">{a.fileName}</span>
              <span className="badge">{TYPE_LABEL[a.mimeType] ?? a.mimeType}</span>
              <span className="muted">{formatBytes(a.sizeBytes, lng)}</span>
              <time className="muted" dateTime={a.addedAt}>
                {formatDateTime(a.addedAt, lng)}
              </time>
            </li>
          ))}
        </ul>
      )}
      <div className="attachment-add">
        {/* A button of ours opens the system's file dialog: the browser's own file input would
            say "Choose file" in the browser's language, not the desk's (issue 18). */}
        <button
          type="button"
          data-testid="case-attachment-pick"
          disabled={upload.busy}
          aria-describedby="case-attachment-help"
          onClick={() => input.current?.click()}
        >
          {t('detail.addAttachment')}
        </button>
        <input
          ref={input}
          type="file"
          hidden
          tabIndex={-1}
          data-testid="case-attachment-input"
          accept={ATTACHMENT_TYPES.join(',')}
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
        <span id="case-attachment-help" className="muted">
          {t('detail.attachmentHelp', limits)}
        </span>
        {upload.busy && (
          <span className="muted" role="status">
            {t('detail.uploading', { name: upload.fileName ?? '' })}
          </span>
        )}
        {upload.problem && (
          <p className="error" role="alert" data-testid="case-attachment-error" data-problem={upload.problem}>
            {t(`errors.attachment.${upload.problem}`, { ...limits, name: upload.fileName ?? '' })}
          </p>
        )}
      </div>
    </section>
  );
}
