import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseType, Channel, Priority } from '../../../../../core/case.js';
import type { UnitKind } from '../../../../../core/catalogue.js';
import { isChannelLocked } from '../../caseDraft.js';
import { selectFieldErrors, selectSaving } from '../../caseFormStore.js';
import { selectCatalogue, unitOf } from '../../../shared/catalogue/catalogueStore.js';
import { ChoiceSelect } from '../../../shared/ui/ChoiceSelect.js';
import { useEffectiveChoices } from './useEffective.js';
import { useFormActions } from './useFormActions.js';
import { useCaseForm } from '../../deskPart.js';
import { useCatalogue } from '../../../shared/desk/deskContext.js';

const UNIT_KINDS: readonly UnitKind[] = ['directorate', 'district', 'external'];

/** "Talep (konudan)": the first option of a choice the subject decides until the operator changes it. */
function useDefaultLabel() {
  const { t } = useTranslation();
  const hasSubject = useCaseForm((s) => s.draft.subjectCode !== null);
  return (value: string) => t(hasSubject ? 'form.fromSubject' : 'form.byDefault', { value });
}

export function TypeSelect() {
  const { t } = useTranslation();
  const value = useCaseForm((s) => s.draft.type);
  const saving = useCaseForm(selectSaving);
  const effective = useEffectiveChoices();
  const { choose } = useFormActions();
  const defaultLabel = useDefaultLabel();
  const options = useMemo(() => CaseType.options.map((v) => ({ value: v, label: t(`case.type.${v}`) })), [t]);
  return (
    <ChoiceSelect
      id="case-type"
      testId="case-type"
      label={t('form.type')}
      value={value}
      defaultLabel={defaultLabel(t(`case.type.${effective.type}`))}
      options={options}
      disabled={saving}
      onChange={(type) => choose({ type })}
    />
  );
}

/** Where the case goes and how it is handled: unit (for forwarding), priority, confidentiality. */
export function RoutingFields() {
  const { t } = useTranslation();
  const draft = useCaseForm((s) => s.draft);
  const saving = useCaseForm(selectSaving);
  const unitError = useCaseForm((s) => selectFieldErrors(s).unitCode);
  const catalogue = useCatalogue(selectCatalogue);
  const effective = useEffectiveChoices();
  const effectiveUnit = useCatalogue((s) => unitOf(s, effective.unitCode));
  const { choose } = useFormActions();
  const defaultLabel = useDefaultLabel();

  const unitOptions = useMemo(
    () =>
      UNIT_KINDS.flatMap((kind) =>
        (catalogue?.units ?? [])
          .filter((u) => u.kind === kind)
          .map((u) => ({ value: u.code, label: u.name, group: t(`unitKind.${kind}`) })),
      ),
    [catalogue, t],
  );
  const priorityOptions = useMemo(() => Priority.options.map((v) => ({ value: v, label: t(`case.priority.${v}`) })), [t]);
  const yesNo = useMemo(
    () => [
      { value: 'yes' as const, label: t('form.confidentialYes') },
      { value: 'no' as const, label: t('form.confidentialNo') },
    ],
    [t],
  );

  const unitDefault =
    effective.unitSource === 'subject' && effectiveUnit
      ? t('form.fromSubject', { value: effectiveUnit.name })
      : effective.unitSource === 'triage' && effectiveUnit
        ? t('form.unitTriage', { value: effectiveUnit.name })
        : t('form.unitNone');

  return (
    <div className="form-row form-row--routing">
      <ChoiceSelect
        id="case-unit"
        testId="case-unit"
        className="field--wide"
        label={t('form.unit')}
        value={draft.unitCode}
        defaultLabel={unitDefault}
        options={unitOptions}
        disabled={saving}
        error={unitError ? t(`errors.field.${unitError}`, { max: 0 }) : null}
        note={effective.unitSource === 'triage' && effectiveUnit ? t('form.unitTriageNote', { value: effectiveUnit.name }) : undefined}
        onChange={(unitCode) => choose({ unitCode })}
      />
      <ChoiceSelect
        id="case-priority"
        testId="case-priority"
        label={t('form.priority')}
        value={draft.priority}
        defaultLabel={defaultLabel(t(`case.priority.${effective.priority}`))}
        options={priorityOptions}
        disabled={saving}
        onChange={(priority) => choose({ priority })}
      />
      <ChoiceSelect
        id="case-confidential"
        testId="case-confidential"
        label={t('form.confidential')}
        value={draft.confidential === null ? null : draft.confidential ? 'yes' : 'no'}
        defaultLabel={defaultLabel(effective.confidential ? t('form.confidentialYes') : t('form.confidentialNo'))}
        options={yesNo}
        disabled={saving}
        onChange={(v) => choose({ confidential: v === null ? null : v === 'yes' })}
      />
    </div>
  );
}

export function ChannelSelect() {
  const { t } = useTranslation();
  const channel = useCaseForm((s) => s.draft.channel);
  const locked = useCaseForm((s) => isChannelLocked(s.draft));
  const saving = useCaseForm(selectSaving);
  const { choose } = useFormActions();
  const options = useMemo(() => Channel.options.map((v) => ({ value: v, label: t(`case.channel.${v}`) })), [t]);
  return (
    <ChoiceSelect
      id="case-channel"
      testId="case-channel"
      label={t('form.channel')}
      value={channel}
      defaultLabel={null}
      options={options}
      disabled={saving || locked}
      note={locked ? t('form.channelLocked') : undefined}
      onChange={(v) => v !== null && choose({ channel: v })}
    />
  );
}
