import * as React from 'react';
import { Button, Caption1, Field, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useI18n } from '../i18n-context';

const useStyles = makeStyles({
  actions: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalS },
});

export interface SummaryProps {
  text: string;
  original: string;
  busy: boolean;
  onChange: (text: string) => void;
  onInsert: () => void;
  onReset: () => void;
  onCopied: (ok: boolean) => void;
}

async function copyText(text: string, area: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through: the Office webview may refuse the async clipboard
  }
  if (!area) return false;
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

export function Summary(p: SummaryProps) {
  const { t } = useI18n();
  const s = useStyles();
  const area = React.useRef<HTMLTextAreaElement>(null);
  return (
    <div>
      <Caption1>{p.original ? t('summaryIntro') : t('summaryEmpty')}</Caption1>
      <Field label={t('tabSummary')}>
        <Textarea ref={area} value={p.text} onChange={(_, d) => p.onChange(d.value)} resize="vertical" rows={10} />
      </Field>
      <div className={s.actions}>
        <Button appearance="primary" disabled={p.busy || !p.text} onClick={p.onInsert}>{t('insertSummary')}</Button>
        <Button disabled={!p.text} onClick={() => void copyText(p.text, area.current).then(p.onCopied)}>{t('copySummary')}</Button>
        <Button disabled={p.text === p.original} onClick={p.onReset}>{t('resetSummary')}</Button>
      </div>
    </div>
  );
}
