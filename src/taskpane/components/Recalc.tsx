import * as React from 'react';
import {
  Button, Checkbox, Link, Text, Caption1, Table, TableHeader, TableRow, TableHeaderCell, TableBody, TableCell, makeStyles, tokens,
} from '@fluentui/react-components';
import type { Recalculation, CellRef } from '../../core/report';
import { useI18n } from '../i18n-context';
import { formatValue } from '../format';
import { recalcKey } from '../controller';

const useStyles = makeStyles({
  actions: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalM },
});

export interface RecalcProps {
  items: Recalculation[];
  selected: string[];
  canUndo: boolean;
  busy: boolean;
  onToggle: (key: string, on: boolean) => void;
  onAll: (on: boolean) => void;
  onApply: () => void;
  onUndo: () => void;
  onSelect: (ref: CellRef) => void;
}

export function Recalc(p: RecalcProps) {
  const { t } = useI18n();
  const s = useStyles();
  const all = p.items.length > 0 && p.selected.length === p.items.length;
  const some = p.selected.length > 0 && !all;
  return (
    <div>
      {p.items.length === 0 ? <Text>{t('recalcNone')}</Text> : (
        <>
          <Caption1>{t('recalcIntro')}</Caption1>
          <Table size="small" aria-label={t('tabRecalc')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>
                  <Checkbox checked={all ? true : some ? 'mixed' : false} onChange={(_, d) => p.onAll(d.checked === true)} aria-label={t('selectAll')} />
                </TableHeaderCell>
                <TableHeaderCell>{t('recalcCell')}</TableHeaderCell>
                <TableHeaderCell>{t('recalcBefore')}</TableHeaderCell>
                <TableHeaderCell>{t('recalcAfter')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {p.items.map((r) => {
                const key = recalcKey(r);
                return (
                  <TableRow key={key}>
                    <TableCell>
                      <Checkbox checked={p.selected.includes(key)} onChange={(_, d) => p.onToggle(key, d.checked === true)} aria-label={key} />
                    </TableCell>
                    <TableCell><Link onClick={() => p.onSelect(r)}>{key}</Link></TableCell>
                    <TableCell>{formatValue(r.before, r.numberFormat)}</TableCell>
                    <TableCell>→ {formatValue(r.after, r.numberFormat)}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </>
      )}
      <div className={s.actions}>
        {p.items.length ? (
          <Button appearance="primary" disabled={p.busy || p.selected.length === 0} onClick={p.onApply}>
            {t('applyRecalc', { n: p.selected.length })}
          </Button>
        ) : null}
        <Button disabled={p.busy || !p.canUndo} onClick={p.onUndo} title={t('undoHint')}>{t('undo')}</Button>
      </div>
    </div>
  );
}
