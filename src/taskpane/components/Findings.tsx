import * as React from 'react';
import { Link, Caption1, Subtitle2, Text, Badge, CounterBadge, makeStyles, tokens } from '@fluentui/react-components';
import type { Finding, Report, Severity, CellRef } from '../../core/report';
import { useI18n } from '../i18n-context';
import { formatValue, kindKey } from '../format';

const useStyles = makeStyles({
  group: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, marginBottom: tokens.spacingVerticalM },
  head: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  item: { borderLeft: `3px solid ${tokens.colorNeutralStroke2}`, paddingLeft: tokens.spacingHorizontalS },
  error: { borderLeftColor: tokens.colorPaletteRedBorderActive },
  warning: { borderLeftColor: tokens.colorPaletteMarigoldBorderActive },
  info: { borderLeftColor: tokens.colorPaletteBlueBorderActive },
  related: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS },
});

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
const COLOR: Record<Severity, 'danger' | 'warning' | 'informative'> = { error: 'danger', warning: 'warning', info: 'informative' };

export function Findings(props: { report: Report; onSelect: (ref: CellRef) => void }) {
  const { t } = useI18n();
  const s = useStyles();
  const { findings, tables } = props.report;
  const count = (sev: Severity) => findings.filter((f) => f.severity === sev).length;
  if (findings.length === 0) return null;
  const tableName = (id: string | undefined) => {
    const tb = tables.find((x) => x.id === id);
    return tb ? `${t(kindKey(tb.kind))}${tb.name ? `：${tb.name}` : ''}（${tb.sheet}）` : t('otherTables');
  };
  return (
    <div>
      <Caption1>{t('findingsCount', { n: findings.length, e: count('error'), w: count('warning'), i: count('info') })}</Caption1>
      {SEVERITIES.filter((sev) => count(sev) > 0).map((sev) => {
        const ofSev = findings.filter((f) => f.severity === sev);
        const byTable = new Map<string, Finding[]>();
        for (const f of ofSev) {
          const k = f.table ?? '';
          byTable.set(k, [...(byTable.get(k) ?? []), f]);
        }
        return (
          <section key={sev} className={s.group} aria-label={t(`severity_${sev}`)}>
            <div className={s.head}>
              <Subtitle2 as="h3">{t(`severity_${sev}`)}</Subtitle2>
              <CounterBadge count={ofSev.length} color={COLOR[sev] === 'danger' ? 'danger' : COLOR[sev] === 'warning' ? 'important' : 'informative'} />
            </div>
            {[...byTable.entries()].map(([tid, list]) => (
              <div key={tid}>
                <Text weight="semibold">{tableName(tid || undefined)} <Caption1>({list.length})</Caption1></Text>
                <ul className={s.list}>
                  {list.map((f, i) => {
                    const cross = f.related.some((r) => r.sheet !== f.sheet);
                    return (
                      <li key={`${f.sheet}!${f.cell}:${f.rule}:${i}`} className={`${s.item} ${s[sev]}`}>
                        <Link onClick={() => props.onSelect(f)}>{f.sheet}!{f.cell}</Link>{' '}
                        {cross ? <Badge appearance="outline" size="small">{t('crossTable')}</Badge> : null}
                        <br />
                        <Text>{f.message}</Text>
                        {f.expected !== null || f.actual !== null ? (
                          <>
                            <br />
                            <Caption1>{t('expected')} {formatValue(f.expected)} · {t('actual')} {formatValue(f.actual)}</Caption1>
                          </>
                        ) : null}
                        {f.related.length ? (
                          <div className={s.related}>
                            <Caption1>{t('related')}：</Caption1>
                            {f.related.map((r) => (
                              <Link key={`${r.sheet}!${r.cell}`} onClick={() => props.onSelect(r)}>{r.sheet}!{r.cell}</Link>
                            ))}
                          </div>
                        ) : null}
                      </li>
                    );
                  })}
                </ul>
              </div>
            ))}
          </section>
        );
      })}
    </div>
  );
}
