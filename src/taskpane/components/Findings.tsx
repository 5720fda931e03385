import * as React from 'react';
import {
  Button, Caption1, Text, Select, Field, Link, makeStyles, mergeClasses, tokens,
} from '@fluentui/react-components';
import { ChevronUpRegular, ChevronDownRegular } from '@fluentui/react-icons';
import type { Finding, Report, Severity, CellRef, Recalculation } from '../../core/report';
import { useI18n } from '../i18n-context';
import { kindKey, tableName as nameOfTable, type Formats } from '../format';
import { cardValue, expectationText, findingKey, findingLabel, refKey, ruleDescription, SEVERITIES } from '../wording';
import { markLook } from '../../core/mark-style';
import { whileBusy } from '../busy';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
  filters: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(110px, 1fr))', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS, marginTop: tokens.spacingVerticalXS },
  filter: { minWidth: 0 },
  select: { minWidth: 0, width: '100%' },
  list: { listStyleType: 'none', margin: 0, padding: 0, marginTop: tokens.spacingVerticalS, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  item: {
    borderLeft: `4px solid ${tokens.colorNeutralStroke1}`, paddingLeft: tokens.spacingHorizontalS, paddingTop: '2px', paddingBottom: '2px',
    borderRadius: tokens.borderRadiusSmall, overflowWrap: 'anywhere',
  },
  current: { backgroundColor: tokens.colorBrandBackground2, outline: `2px solid ${tokens.colorBrandStroke1}` },
  main: {
    display: 'block', width: '100%', textAlign: 'left', background: 'none', border: 'none', padding: '2px 0', margin: 0, cursor: 'pointer',
    font: 'inherit', color: tokens.colorNeutralForeground1, whiteSpace: 'normal', overflowWrap: 'anywhere',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
    ':hover': { textDecorationLine: 'underline' },
  },
  sev: { fontWeight: tokens.fontWeightSemibold, marginRight: tokens.spacingHorizontalXS },
  detail: { display: 'block', color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalXS, rowGap: '2px' },
  why: { display: 'block', color: tokens.colorNeutralForeground2, paddingBottom: tokens.spacingVerticalXS },
  sr: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  ignored: { marginTop: tokens.spacingVerticalM },
});

const SEV_COLOR: Record<Severity, string> = { error: markLook('error', false).border, warning: markLook('warning', false).border, info: markLook('info', false).border };

export interface FindingsProps {
  report: Report;
  /** The list as shown (filtered, ordered). */
  visible: Finding[];
  ignored: Finding[];
  current: string | null;
  filter: { table: string; severity: Severity | 'all' };
  formats: Formats;
  busy: boolean;
  fixFor: (f: Finding) => Recalculation | null;
  onFocus: (f: Finding) => void;
  onStep: (delta: 1 | -1) => void;
  onFilter: (f: Partial<{ table: string; severity: Severity | 'all' }>) => void;
  onSelect: (ref: CellRef) => void;
  onIgnore: (f: Finding) => void;
  onRestore: (key?: string) => void;
  onFix: (f: Finding) => void;
}

export function Findings(p: FindingsProps) {
  const { t } = useI18n();
  const s = useStyles();
  const [why, setWhy] = React.useState<string | null>(null);
  const list = React.useRef<HTMLUListElement>(null);
  const { tables } = p.report;
  const open = p.report.findings.length - p.ignored.length;
  const count = (sev: Severity) => p.visible.filter((f) => f.severity === sev).length;
  const index = p.visible.findIndex((f) => findingKey(f) === p.current);

  // The current finding stays in view in the list.
  const currentKey = p.current;

  // After 改为 or 忽略 the card is gone: the focus goes to the finding that takes its place (never the page body).
  const refocus = React.useRef(false);
  const act = (run: () => void) => { refocus.current = true; run(); };
  const { busy } = p;
  const shown = p.visible.length;
  React.useEffect(() => {
    if (!refocus.current || busy || !list.current) return;
    refocus.current = false;
    const next = list.current.querySelector<HTMLElement>('li[aria-current="true"] button') ?? list.current.querySelector<HTMLElement>('li button');
    next?.focus();
  }, [busy, currentKey, shown]);
  React.useEffect(() => {
    if (!currentKey || !list.current) return;
    const el = list.current.querySelector<HTMLElement>('[aria-current="true"]');
    el?.scrollIntoView?.({ block: 'nearest' });
  }, [currentKey]);

  const tableName = (id: string | undefined) => {
    const tb = tables.find((x) => x.id === id);
    return tb ? `${nameOfTable(t(kindKey(tb.kind)), tb.name)}（${tb.sheet}）` : t('otherTables');
  };
  const current = index >= 0 ? p.visible[index] : null;
  return (
    <div>
      <div className={s.bar}>
        <Button size="small" icon={<ChevronUpRegular />} disabled={p.visible.length === 0} onClick={() => p.onStep(-1)} aria-keyshortcuts="Alt+ArrowUp" title={t('navHint')}>{t('prevFinding')}</Button>
        <Button size="small" icon={<ChevronDownRegular />} disabled={p.visible.length === 0} onClick={() => p.onStep(1)} aria-keyshortcuts="Alt+ArrowDown" title={t('navHint')}>{t('nextFinding')}</Button>
        <Caption1 data-testid="findings-count">
          {index >= 0 ? `${t('position', { i: index + 1, n: p.visible.length })} · ` : ''}
          {t('findingsCount', { n: p.visible.length, e: count('error'), w: count('warning'), i: count('info') })}
        </Caption1>
      </div>
      <div className={s.sr} aria-live="polite">{current ? `${t('position', { i: index + 1, n: p.visible.length })}：${findingLabel(current, t)}` : ''}</div>
      <div className={s.filters}>
        <Field label={t('filterTable')} size="small" className={s.filter}>
          <Select size="small" className={s.select} value={p.filter.table} onChange={(_, d) => p.onFilter({ table: d.value })}>
            <option value="">{t('filterAll')}</option>
            {tables.map((tb) => <option key={tb.id} value={tb.id}>{tableName(tb.id)}</option>)}
          </Select>
        </Field>
        <Field label={t('filterSeverity')} size="small" className={s.filter}>
          <Select size="small" className={s.select} value={p.filter.severity} onChange={(_, d) => p.onFilter({ severity: d.value as Severity | 'all' })}>
            <option value="all">{t('filterAll')}</option>
            {SEVERITIES.map((sev) => <option key={sev} value={sev}>{t(`severity1_${sev}`)}</option>)}
          </Select>
        </Field>
      </div>
      {p.visible.length === 0 && open > 0 ? <Text block>{t('findingsFiltered')}</Text> : null}
      <ul className={s.list} ref={list} aria-label={t('tabResults')}>
        {p.visible.map((f) => {
          const key = findingKey(f);
          const isCurrent = key === p.current;
          const detail = expectationText(f, t, p.formats);
          const fix = p.fixFor(f);
          const description = ruleDescription(f.rule);
          // The cell's own format, as everywhere else on the card (not the format a recalculation would write).
          const fixText = fix ? cardValue(f, fix.after, refKey(f), p.formats) : '';
          const whyId = `why-${key}`.replace(/[^\w-]/g, '_');
          return (
            <li
              key={key}
              data-finding={key}
              data-severity={f.severity}
              aria-current={isCurrent ? 'true' : undefined}
              className={mergeClasses(s.item, isCurrent && s.current)}
              style={{ borderLeftColor: SEV_COLOR[f.severity] }}
            >
              <button type="button" className={s.main} aria-label={findingLabel(f, t)} onClick={() => p.onFocus(f)} data-cell={refKey(f)}>
                <span className={s.sev} style={{ color: SEV_COLOR[f.severity] }}>{t(`severity1_${f.severity}`)}</span>
                {f.message.includes(refKey(f)) ? null : <>{refKey(f)} </>}
                {f.message}
              </button>
              {detail ? <Caption1 className={s.detail}>{detail}</Caption1> : null}
              <div className={s.actions}>
                {f.related.map((r) => (
                  <Link key={refKey(r)} as="button" onClick={() => p.onSelect(r)} aria-label={t('goTo', { cell: refKey(r) })}><Caption1>{refKey(r)}</Caption1></Link>
                ))}
                {fix ? (
                  <Button size="small" appearance="primary" {...whileBusy(p.busy)} onClick={() => act(() => p.onFix(f))} aria-label={t('fixOneLabel', { cell: refKey(f), v: fixText })}>
                    {t('fixOne', { v: fixText })}
                  </Button>
                ) : null}
                {description ? (
                  <Button size="small" appearance="subtle" aria-expanded={why === key} aria-controls={whyId} aria-label={`${t('why')}：${refKey(f)}`} onClick={() => setWhy(why === key ? null : key)}>{t('why')}</Button>
                ) : null}
                <Button size="small" appearance="subtle" {...whileBusy(p.busy)} onClick={() => act(() => p.onIgnore(f))} aria-label={`${t('ignore')}：${refKey(f)}`}>{t('ignore')}</Button>
              </div>
              {why === key && description ? <Caption1 id={whyId} className={s.why}>{description}（{f.rule}）</Caption1> : null}
            </li>
          );
        })}
      </ul>
      {p.ignored.length ? (
        <details className={s.ignored}>
          <summary>{t('ignoredTitle', { n: p.ignored.length })}</summary>
          <ul className={s.list}>
            {p.ignored.map((f) => (
              <li key={findingKey(f)} className={s.item} style={{ borderLeftColor: SEV_COLOR[f.severity] }}>
                <Text>{t(`severity1_${f.severity}`)}：{f.message}</Text>
                <div className={s.actions}>
                  <Button size="small" {...whileBusy(p.busy)} onClick={() => p.onRestore(findingKey(f))} aria-label={`${t('restore')}：${refKey(f)}`}>{t('restore')}</Button>
                </div>
              </li>
            ))}
          </ul>
          <Button size="small" {...whileBusy(p.busy)} onClick={() => p.onRestore()}>{t('restoreAll')}</Button>
        </details>
      ) : null}
    </div>
  );
}

/** The marks' look in the sheet (fill, border colour and line style per severity), from the shared mark style. */
export function Legend() {
  const { t } = useI18n();
  const LINE: Record<string, string> = { medium: '3px solid', dashed: '2px dashed', dotted: '2px dotted', thin: '1px solid' };
  return (
    <div role="group" aria-label={t('legend')} style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 12px', alignItems: 'center', marginTop: 8 }}>
      <Caption1>{t('marksLegendHint')}</Caption1>
      {SEVERITIES.map((sev) => {
        const own = markLook(sev, false);
        return (
          <span key={sev} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }} data-legend={sev}>
            <span aria-hidden="true" style={{ display: 'inline-block', width: 18, height: 12, background: own.fill, border: `${LINE[own.line]} ${own.border}` }} />
            <Caption1>{t(`legend_${sev}`)}</Caption1>
          </span>
        );
      })}
    </div>
  );
}
