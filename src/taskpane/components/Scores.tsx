import * as React from 'react';
import { Link, Text, Table, TableHeader, TableRow, TableHeaderCell, TableBody, TableCell } from '@fluentui/react-components';
import type { ScoreInfo, TableInfo } from '../../core/report';
import { useI18n } from '../i18n-context';
import { kindKey, tableName } from '../format';

export function Scores(props: { scores: ScoreInfo[]; tables: TableInfo[]; onSelect: (t: TableInfo) => void }) {
  const { t } = useI18n();
  if (props.scores.length === 0) return <Text>{t('scoresNone')}</Text>;
  return (
    <Table size="small" aria-label={t('tabScores')}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('scoreTable')}</TableHeaderCell>
          <TableHeaderCell>{t('scoreTotal')}</TableHeaderCell>
          <TableHeaderCell>{t('scoreGrade')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {props.scores.map((sc, i) => {
          const tb = props.tables.find((x) => x.id === sc.table);
          const label = tableName(t(kindKey(sc.kind)), sc.name);
          return (
            <TableRow key={`${sc.table ?? sc.sheet}:${i}`}>
              <TableCell>{tb ? <Link onClick={() => props.onSelect(tb)}>{label}</Link> : label}</TableCell>
              <TableCell>{sc.total ?? '—'}</TableCell>
              <TableCell>{sc.grade ?? '—'}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
