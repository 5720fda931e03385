import * as React from 'react';
import {
  Button, Caption1, Checkbox, Field, Textarea, Text, MessageBar, MessageBarBody, MessageBarTitle, MessageBarActions, makeStyles, tokens,
} from '@fluentui/react-components';
import { useI18n } from '../i18n-context';
import type { InsertTarget, SummaryParagraph } from '../controller';
import type { CellContent } from '../../hosts/host';
import { whileBusy } from '../busy';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  actions: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  target: { overflowWrap: 'anywhere' },
  para: { overflowWrap: 'anywhere' },
});

export interface SummaryProps {
  text: string;
  original: string;
  busy: boolean;
  canUndo: boolean;
  onUndo: () => void;
  openErrors: number;
  paragraphs: (SummaryParagraph & { on: boolean })[];
  target: InsertTarget | null;
  confirm: InsertTarget | null;
  onChange: (text: string) => void;
  onToggleParagraph: (id: string, on: boolean) => void;
  onRefreshTarget: () => void;
  onInsert: (confirmed: boolean) => void;
  onCancelInsert: () => void;
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

const shorten = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
const contentText = (c: CellContent) => (c.formula ? c.formula : c.value === null || c.value === '' ? '' : String(c.value));

export function Summary(p: SummaryProps) {
  const { t } = useI18n();
  const s = useStyles();
  const area = React.useRef<HTMLTextAreaElement>(null);
  const { onRefreshTarget } = p;
  React.useEffect(() => { onRefreshTarget(); }, [onRefreshTarget]);
  // Coming back to the pane after selecting another cell in the sheet: show the new target (at most once a second).
  const last = React.useRef(0);
  const refreshSoon = () => {
    const now = Date.now();
    if (now - last.current < 1000) return;
    last.current = now;
    onRefreshTarget();
  };
  const chosen = p.paragraphs.filter((x) => x.on);
  const occupied = (p.confirm?.cells ?? []).filter((_, i) => contentText(p.confirm!.contents[i]) !== '').map((c) => `${c.sheet}!${c.cell}`);
  const tgt = p.target;
  const first = tgt ? `${tgt.cells[0].sheet}!${tgt.cells[0].cell}` : '';
  // Where the ticked paragraphs go: the active cell, or the cells down from it (one paragraph each).
  const where = !tgt ? '' : tgt.cells.length > 1
    ? t('insertTargetMany', { cell: first, n: tgt.cells.length, range: `${first}:${tgt.cells[tgt.cells.length - 1].cell}` })
    : t('insertTarget', { cell: first });
  return (
    <div className={s.stack} onPointerEnter={refreshSoon} onFocusCapture={refreshSoon}>
      {p.openErrors > 0 ? (
        <MessageBar intent="warning" layout="multiline"><MessageBarBody>{t('openErrors', { n: p.openErrors })}</MessageBarBody></MessageBar>
      ) : null}
      <Caption1>{p.original ? t('summaryIntro') : t('summaryEmpty')}</Caption1>
      {p.original && p.text !== p.original ? <Caption1 data-testid="summary-kept">{t('summaryKept')}</Caption1> : null}
      {p.paragraphs.length ? (
        <fieldset style={{ border: 'none', margin: 0, padding: 0 }}>
          <legend><Text weight="semibold">{t('insertParagraphs')}</Text></legend>
          {p.paragraphs.map((x) => (
            <Checkbox
              key={x.id}
              className={s.para}
              checked={x.on}
              onChange={(_, d) => p.onToggleParagraph(x.id, d.checked === true)}
              label={`${t(`para_${x.kind}`)}：${shorten(x.text)}`}
            />
          ))}
        </fieldset>
      ) : null}
      <div className={s.target} data-testid="insert-target" aria-live="polite">
        {tgt ? (
          <>
            <Text block>{where}</Text>
            <Caption1 block>
              {tgt.contents.every((c) => contentText(c) === '')
                ? t('insertTargetEmpty')
                : t('insertTargetHas', { text: tgt.contents.map(contentText).filter(Boolean).map(shorten).join(' / ') })}
            </Caption1>
          </>
        ) : <Text block>{t('insertTargetNone')}</Text>}
        <Button size="small" appearance="subtle" onClick={p.onRefreshTarget}>{t('insertRefresh')}</Button>
      </div>
      {p.confirm ? (
        <MessageBar intent="warning" layout="multiline" role="alert" data-testid="insert-confirm">
          <MessageBarBody>
            <MessageBarTitle>{t('insertConfirmTitle')}</MessageBarTitle>
            {occupied.length ? <Text block>{t('insertConfirmOccupied', { cells: occupied.join('、') })}</Text> : null}
            {p.confirm.table ? <Text block>{t('insertConfirmTable', { table: p.confirm.table })}</Text> : null}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" appearance="primary" onClick={() => p.onInsert(true)}>{t('insertAnyway')}</Button>
            <Button size="small" onClick={p.onCancelInsert}>{t('cancel')}</Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
      <div className={s.actions}>
        <Button appearance="primary" {...whileBusy(p.busy, chosen.length === 0)} onClick={() => p.onInsert(false)}>{t('insertSummary')}</Button>
        <Button disabled={!p.text} onClick={() => void copyText(chosen.map((x) => x.text).join('\n\n') || p.text, area.current).then(p.onCopied)}>{t('copySummary')}</Button>
        <Button disabled={p.text === p.original} onClick={p.onReset}>{t('resetSummary')}</Button>
        <Button {...whileBusy(p.busy, !p.canUndo)} onClick={p.onUndo}>{t('undo')}</Button>
      </div>
      <Field label={t('summaryEdit')}>
        <Textarea ref={area} value={p.text} onChange={(_, d) => p.onChange(d.value)} resize="vertical" rows={8} />
      </Field>
    </div>
  );
}
