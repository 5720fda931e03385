import * as React from 'react';
import { Link, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { TableInfo } from '../../core/report';
import { useI18n } from '../i18n-context';
import { kindKey } from '../format';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
});

export function Tables(props: { tables: TableInfo[]; onSelect: (t: TableInfo) => void }) {
  const { t } = useI18n();
  const s = useStyles();
  return (
    <ul className={s.list} aria-label={t('tables')}>
      {props.tables.map((tb) => (
        <li key={tb.id}>
          <Link onClick={() => props.onSelect(tb)} title={t('selectCell', { cell: `${tb.sheet}!${tb.range}` })}>
            {t(kindKey(tb.kind))}{tb.name ? `：${tb.name}` : ''}
          </Link>
          <br />
          <Caption1>{tb.sheet}!{tb.range}{tb.year ? ` · ${tb.year}` : ''}</Caption1>
        </li>
      ))}
    </ul>
  );
}
