import * as React from 'react';
import { Button, Checkbox, Link, Text, Caption1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import type { Recalculation, CellRef } from '../../core/report';
import { useI18n } from '../i18n-context';
import { formatValue, joinDistinct, type Formats } from '../format';
import { recalcKey, type WrittenCell } from '../controller';
import type { CellLabel } from '../roles';
import { whileBusy } from '../busy';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS, marginTop: tokens.spacingVerticalS },
  row: { display: 'flex', alignItems: 'flex-start', columnGap: tokens.spacingHorizontalXS, overflowWrap: 'anywhere' },
  text: { display: 'flex', flexDirection: 'column', paddingTop: '6px' },
  actions: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalM },
  written: { marginTop: tokens.spacingVerticalL },
});

export interface RecalcProps {
  items: Recalculation[];
  selected: string[];
  labels: Record<string, CellLabel>;
  formats: Formats;
  written: WrittenCell[];
  canUndo: boolean;
  busy: boolean;
  onToggle: (key: string, on: boolean) => void;
  onAll: (on: boolean) => void;
  onApply: () => void;
  onUndo: () => void;
  onSelect: (ref: CellRef) => void;
}

/** `附件3!H18 产出指标 服务企业数 得分：5 → 3`: the cell, its row label and column, before and after. */
export function recalcLine(key: string, label: CellLabel | null | undefined, before: string, after: string): string {
  return `${key}${label ? ` ${joinDistinct([label.row, label.column])}` : ''}：${before} → ${after}`;
}

export function Recalc(p: RecalcProps) {
  const { t } = useI18n();
  const s = useStyles();
  const all = p.items.length > 0 && p.selected.length === p.items.length;
  const some = p.selected.length > 0 && !all;
  const fmt = (v: Recalculation['before'], r: Recalculation | WrittenCell) => formatValue(v, r.numberFormat ?? p.formats[recalcKey(r)]);
  return (
    <div>
      {p.items.length === 0 ? <Text block>{t('recalcNone')}</Text> : (
        <>
          <Caption1 block>{t('recalcIntro')}</Caption1>
          <Checkbox checked={all ? true : some ? 'mixed' : false} onChange={(_, d) => p.onAll(d.checked === true)} label={t('selectAll')} />
          <ul className={s.list} aria-label={t('tabRecalc')} data-testid="recalc-list">
            {p.items.map((r) => {
              const key = recalcKey(r);
              const label = p.labels[key];
              const line = recalcLine(key, label, fmt(r.before, r), fmt(r.after, r));
              return (
                <li key={key} className={s.row} data-cell={key}>
                  <Checkbox checked={p.selected.includes(key)} onChange={(_, d) => p.onToggle(key, d.checked === true)} aria-label={line} />
                  <span className={s.text}>
                    <Text>{line}</Text>
                    <Caption1>
                      {label ? `${label.table} · ` : ''}
                      <Link as="button" onClick={() => p.onSelect(r)} aria-label={t('goTo', { cell: key })}>{t('goTo', { cell: key })}</Link>
                    </Caption1>
                  </span>
                </li>
              );
            })}
          </ul>
        </>
      )}
      <div className={s.actions}>
        {p.items.length ? (
          <Button appearance="primary" {...whileBusy(p.busy, p.selected.length === 0)} onClick={p.onApply}>
            {t('applyRecalc', { n: p.selected.length })}
          </Button>
        ) : null}
        <Button {...whileBusy(p.busy, !p.canUndo)} onClick={p.onUndo} title={t('undoHint')}>{t('undo')}</Button>
      </div>
      {p.written.length ? (
        <section className={s.written} aria-label={t('writtenTitle', { n: p.written.length })} data-testid="written">
          <Subtitle2 as="h3">{t('writtenTitle', { n: p.written.length })}</Subtitle2>
          <ul className={s.list}>
            {p.written.map((w, i) => (
              <li key={`${recalcKey(w)}:${i}`}>
                <Text>{recalcLine(recalcKey(w), w.label, fmt(w.before, w), fmt(w.after, w))}</Text>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
