import * as React from 'react';
import {
  Button, Caption1, Field, Input, Link, Radio, RadioGroup, Switch, Text, Subtitle2, makeStyles, tokens,
} from '@fluentui/react-components';
import type { ScoringProfile, AchievementLevel } from '../../core/profile';
import type { ProfileDraft } from '../controller';
import type { CellRef } from '../../core/report';
import { useI18n } from '../i18n-context';
import { whileBusy } from '../busy';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
  list: { listStyleType: 'none', margin: 0, padding: 0 },
});

const LEVELS: AchievementLevel[] = ['达成', '部分达成', '未达成'];

export interface ProfileProps {
  profile: ScoringProfile;
  /** The form as shown: the unsaved draft or the saved profile. */
  form: ProfileDraft;
  dirty: boolean;
  autoRecheck: boolean;
  busy: boolean;
  onEdit: (d: ProfileDraft) => void;
  onSave: () => void;
  onReset: () => void;
  onDiscard: () => void;
  onLevelForActive: (level: AchievementLevel) => void;
  onRemoveLevel: (key: string) => void;
  onSelect: (ref: CellRef) => void;
  onAutoRecheck: (on: boolean) => void;
}

function refOf(key: string): CellRef {
  const i = key.lastIndexOf('!');
  return { sheet: key.slice(0, i), cell: key.slice(i + 1) };
}

export function Profile(p: ProfileProps) {
  const { t } = useI18n();
  const s = useStyles();
  // The draft lives in the controller, so unsaved edits survive a tab switch.
  const draft = p.form.profile;
  const weight = p.form.weight;
  const overshoot = p.form.overshoot;
  const setDraft = (profile: ScoringProfile) => p.onEdit({ ...p.form, profile });
  const setWeight = (w: string) => p.onEdit({ ...p.form, weight: w });
  const setOvershoot = (o: string | null) => p.onEdit({ ...p.form, overshoot: o });
  const bands = draft.qualitativeBands.partial === 0.5 ? '80/50' : '80/60';
  const levels = Object.entries(p.profile.achievementLevels);
  return (
    <div className={s.form}>
      <Caption1>{t('profileIntro')}</Caption1>
      <Field label={t('reverseFormula')}>
        <RadioGroup value={draft.reverseFormula} onChange={(_, d) => setDraft({ ...draft, reverseFormula: d.value === 'ratio' ? 'ratio' : 'linear' })}>
          <Radio value="linear" label={t('reverseLinear')} />
          <Radio value="ratio" label={t('reverseRatio')} />
        </RadioGroup>
      </Field>
      <Field label={t('bands')}>
        <RadioGroup value={bands} onChange={(_, d) => setDraft({ ...draft, qualitativeBands: { achieved: 0.8, partial: d.value === '80/50' ? 0.5 : 0.6 } })}>
          <Radio value="80/60" label={t('bands8060')} />
          <Radio value="80/50" label={t('bands8050')} />
        </RadioGroup>
      </Field>
      <Switch checked={draft.requireReasonAbove130} label={t('requireReasonAbove130')} onChange={(_, d) => setDraft({ ...draft, requireReasonAbove130: d.checked })} />
      <Switch checked={draft.capTotalByExecutionRate} label={t('capTotal')} onChange={(_, d) => setDraft({ ...draft, capTotalByExecutionRate: d.checked })} />
      <Switch checked={overshoot !== null} label={t('overshoot')} onChange={(_, d) => setOvershoot(d.checked ? '' : null)} data-testid="overshoot-switch" />
      {overshoot !== null ? (
        <Field label={t('overshootRate')} hint={t('overshootHint')}>
          <Input type="number" inputMode="decimal" min={0} max={100} step={5} value={overshoot} contentAfter="%" onChange={(_, d) => setOvershoot(d.value)} data-testid="overshoot-rate" />
        </Field>
      ) : null}
      <Field label={t('fundsWeight')}>
        <Input type="number" inputMode="decimal" min={0} max={100} value={weight} onChange={(_, d) => setWeight(d.value)} />
      </Field>
      {p.dirty ? <Text weight="semibold" data-testid="profile-unsaved">{t('profileUnsaved')}</Text> : null}
      <div className={s.row}>
        <Button appearance="primary" {...whileBusy(p.busy)} onClick={p.onSave}>{t('saveProfile')}</Button>
        <Button {...whileBusy(p.busy)} onClick={p.onReset}>{t('resetProfile')}</Button>
        {p.dirty ? <Button {...whileBusy(p.busy)} onClick={p.onDiscard}>{t('discardProfile')}</Button> : null}
      </div>

      <Subtitle2 as="h3">{t('achievementLevels')}</Subtitle2>
      <Caption1>{t('achievementHint')}</Caption1>
      <div className={s.row} role="group" aria-label={t('achievementForActive')}>
        <Text>{t('achievementForActive')}：</Text>
        {LEVELS.map((lv) => (
          <Button key={lv} size="small" {...whileBusy(p.busy)} onClick={() => p.onLevelForActive(lv)}>{t(`level_${lv}`)}</Button>
        ))}
      </div>
      {levels.length ? (
        <ul className={s.list}>
          {levels.map(([key, lv]) => (
            <li key={key} className={s.row}>
              <Link as="button" onClick={() => p.onSelect(refOf(key))}>{key}</Link>
              <Text>{t(`level_${lv}`)}</Text>
              <Button size="small" appearance="subtle" {...whileBusy(p.busy)} onClick={() => p.onRemoveLevel(key)} aria-label={`${t('remove')}：${key}`}>{t('remove')}</Button>
            </li>
          ))}
        </ul>
      ) : null}

      <Switch checked={p.autoRecheck} label={t('autoRecheck')} onChange={(_, d) => p.onAutoRecheck(d.checked)} />
    </div>
  );
}
