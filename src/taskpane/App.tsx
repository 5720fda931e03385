import * as React from 'react';
import {
  FluentProvider, webLightTheme, Button, Title3, Caption1, ProgressBar, Field,
  MessageBar, MessageBarBody, MessageBarTitle, MessageBarActions, Link, makeStyles, tokens, type Theme,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import type { WorkbookHost } from '../hosts/host';
import { analyze as engineAnalyze } from '../core/engine';
import { translator, errorText, type Locale } from '../i18n';
import { PaneController, type Notice, type PaneState } from './controller';
import type { Analyze } from './check';
import { I18nContext, useI18n } from './i18n-context';
import { formatTime, kindKey, tableName } from './format';
import { isDefaultProfile } from '../core/profile';
import { Findings, Legend } from './components/Findings';
import { Recalc } from './components/Recalc';
import { Scores } from './components/Scores';
import { Summary } from './components/Summary';
import { Profile } from './components/Profile';
import { Tabs } from './components/Tabs';
import { ReportText } from './components/ReportText';
import { readDocument } from '../hosts/file/docx';
import { whileBusy, BUSY_ID } from './busy';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalM, boxSizing: 'border-box', minWidth: 0, overflowWrap: 'anywhere' },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: tokens.spacingHorizontalS },
  toolbar: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  panel: { paddingTop: tokens.spacingVerticalXS, minWidth: 0 },
  busy: {
    position: 'sticky', top: 0, zIndex: 1, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS,
    backgroundColor: tokens.colorNeutralBackground1, paddingBlock: tokens.spacingVerticalXS,
  },
  tables: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: '2px' },
});

/**
 * webLightTheme with a darker text colour on disabled controls: the default
 * (#bdbdbd on #f0f0f0, 1.6:1) is hard to read at all.
 */
export const paneTheme: Theme = { ...webLightTheme, colorNeutralForegroundDisabled: '#6b6b6b', colorNeutralStrokeDisabled: '#8a8a8a' };

export interface AppProps {
  host: WorkbookHost;
  locale: Locale;
  /** The engine; injected by tests. */
  analyze?: Analyze;
  /** A ready controller; by default the App makes one for the host. */
  controller?: PaneController;
  /** The tab shown first (default: findings). */
  initialTab?: TabId;
  /** The pane's root element: `main` in the add-in, a plain region inside a page that has its own main (the demo). */
  landmark?: 'main' | 'region';
}

export type TabId = 'results' | 'recalc' | 'scores' | 'summary' | 'text' | 'profile';

/** The task pane. It takes the workbook as a WorkbookHost, so the browser demo can run the same App over files. */
export function App(props: AppProps) {
  const ctrl = React.useMemo(
    () => props.controller ?? new PaneController(props.host, { analyze: props.analyze ?? engineAnalyze }),
    [props.controller, props.host, props.analyze],
  );
  React.useEffect(() => {
    ctrl.start();
    return () => ctrl.dispose();
  }, [ctrl]);
  const state = React.useSyncExternalStore(ctrl.subscribe, ctrl.getState, ctrl.getState);
  const i18n = React.useMemo(() => ({ locale: props.locale, t: translator(props.locale) }), [props.locale]);
  return (
    <I18nContext.Provider value={i18n}>
      <FluentProvider theme={paneTheme} lang={props.locale === 'zh' ? 'zh-CN' : 'en'}>
        <Pane ctrl={ctrl} state={state} initialTab={props.initialTab} landmark={props.landmark} diagnostics={props.host.diagnostics?.bind(props.host)} />
      </FluentProvider>
    </I18nContext.Provider>
  );
}

function NoticeBar(props: { notice: Notice; onDismiss: () => void }) {
  const { t, locale } = useI18n();
  const n = props.notice;
  const reason = n.error ? errorText(locale, n.error) : '';
  const text = n.key === 'error' ? reason : t(n.key, { ...(n.params ?? {}), reason });
  return (
    <MessageBar intent={n.intent} layout="multiline" role={n.intent === 'error' ? 'alert' : 'status'} data-testid="notice">
      <MessageBarBody>
        {n.intent === 'error' ? <MessageBarTitle>{t('error')}</MessageBarTitle> : null}
        {n.key === 'fromRibbon' ? t('fromRibbon', { time: formatTime(String(n.params?.time ?? ''), locale) }) : text}
      </MessageBarBody>
      <MessageBarActions containerAction={<Button appearance="transparent" aria-label={t('dismiss')} icon={<DismissRegular />} onClick={props.onDismiss} />} />
    </MessageBar>
  );
}

/** 关于与帮助: the 自检 button and its copyable report. */
function About({ diagnostics }: { diagnostics: () => Promise<string> }) {
  const { t } = useI18n();
  const [report, setReport] = React.useState<string | null>(null);
  const [copied, setCopied] = React.useState(false);
  const run = () => {
    setCopied(false);
    diagnostics().then(setReport, (e: unknown) => setReport(e instanceof Error ? e.message : String(e)));
  };
  const area = React.useRef<HTMLTextAreaElement>(null);
  const copy = () => {
    if (!report) return;
    // The pane engines of older WPS versions have no async clipboard: select the text and copy it.
    const fallback = () => {
      area.current?.select();
      setCopied(document.execCommand?.('copy') === true);
    };
    if (navigator.clipboard?.writeText) navigator.clipboard.writeText(report).then(() => setCopied(true), fallback);
    else fallback();
  };
  return (
    <details data-testid="about">
      <summary>{t('about')}</summary>
      <Caption1 as="p">{t('selfTestHint')}</Caption1>
      <Button size="small" onClick={run}>{t('selfTest')}</Button>
      {report !== null ? (
        <Field label={t('selfTestReport')}>
          <textarea ref={area} readOnly value={report} rows={12} style={{ width: '100%', boxSizing: 'border-box', fontFamily: 'monospace', fontSize: '12px' }} onFocus={(e) => e.currentTarget.select()} data-testid="self-test" />
        </Field>
      ) : null}
      {report !== null ? <Button size="small" onClick={copy}>{t('copy')}</Button> : null}
      {copied ? <Caption1 role="status">{t('copiedReport')}</Caption1> : null}
    </details>
  );
}

export function Pane({ ctrl, state, initialTab, landmark = 'main', diagnostics }: {
  ctrl: PaneController; state: PaneState; initialTab?: TabId; landmark?: 'main' | 'region';
  /** 自检 of the host, where it has one (WPS): shown under 关于与帮助. */
  diagnostics?: () => Promise<string>;
}) {
  const { t, locale } = useI18n();
  const s = useStyles();
  const [tab, setTab] = React.useState<TabId>(initialTab ?? 'results');
  const busy = state.busy !== null;
  const report = state.report;
  const stale = state.staleSheets.length > 0 || state.profileStale;
  // Derived from the controller's state on every render (cheap: a filter over the findings).
  const visible = ctrl.visibleFindings();
  const ignored = ctrl.ignoredFindings();
  const paragraphs = ctrl.paragraphs();
  const refreshTarget = React.useCallback(() => { void ctrl.refreshInsertTarget(); }, [ctrl]);
  const form = ctrl.profileForm();

  // Alt+↓ / Alt+↑: next / previous finding, from anywhere in the pane (or the page around it).
  React.useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') || !ctrl.getState().report) return;
      // Alt+↓ opens a drop-down list and moves in a text box: leave those alone.
      if ((e.target as HTMLElement | null)?.closest?.('select, textarea, input')) return;
      e.preventDefault();
      setTab('results');
      void ctrl.step(e.key === 'ArrowDown' ? 1 : -1).then(() => {
        document.querySelector<HTMLElement>('[data-finding][aria-current="true"] button')?.focus();
      });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ctrl]);

  const profile = (
    <Profile
      profile={state.profile}
      form={form}
      dirty={state.profileDraft !== null}
      autoRecheck={state.autoRecheck}
      busy={busy}
      onEdit={(d) => ctrl.editProfile(d)}
      onSave={() => void ctrl.saveProfileForm()}
      onReset={() => ctrl.resetProfileDraft()}
      onDiscard={() => ctrl.discardProfileDraft()}
      onLevelForActive={(lv) => void ctrl.setAchievementLevelForActiveCell(lv)}
      onRemoveLevel={(k) => void ctrl.setAchievementLevel(k, null)}
      onSelect={(r) => void ctrl.select(r)}
      onAutoRecheck={(on) => void ctrl.setAutoRecheck(on)}
    />
  );
  const openCount = report ? report.findings.length - ignored.length : 0;
  const count = (n: number) => (locale === 'zh' ? `（${n}）` : ` (${n})`);
  // The scoring rules tab says what rules are in force, not a count.
  const profileState = state.profileDraft ? t('profileStateUnsaved') : isDefaultProfile(state.profile) ? t('profileStateDefault') : t('profileStateCustom');
  const Root = landmark === 'main' ? 'main' : 'section';
  return (
    <Root className={s.root} aria-busy={busy} aria-label={landmark === 'main' ? undefined : t('appTitle')}>
      <header className={s.head}>
        <Title3 as="h1">{t('appTitle')}</Title3>
        {state.checkedAt ? <Caption1>{t('checkedAt', { time: formatTime(state.checkedAt, locale) })}</Caption1> : null}
      </header>

      <div className={s.toolbar}>
        <Button appearance="primary" {...whileBusy(busy)} onClick={() => void ctrl.check()}>{report ? t('recheck') : t('check')}</Button>
        <Button {...whileBusy(busy)} onClick={() => void ctrl.clearMarks()}>{t('clearMarks')}</Button>
        {report && report.tables.length ? <Button {...whileBusy(busy)} onClick={() => void ctrl.exportResults()}>{t('exportResults')}</Button> : null}
      </div>

      {state.busy ? (
        // What runs and why the buttons wait; it stays in view while the pane scrolls (a finding's card far down).
        <div className={s.busy} id={BUSY_ID} role="status" data-testid="busy">
          <Field label={t(`busy_${state.busy.task}`)} validationMessage={t(state.busy.stage)} validationState="none">
            <ProgressBar value={state.busy.fraction ?? undefined} thickness="large" aria-label={t(state.busy.stage)} />
          </Field>
          <Caption1>
            {t('busyButtons')}
            {state.queued.length ? t('busyQueued', { tasks: state.queued.map((q) => t(`task_${q}`)).join(locale === 'zh' ? '、' : ', ') }) : ''}
          </Caption1>
        </div>
      ) : null}

      {state.notice ? <NoticeBar notice={state.notice} onDismiss={() => ctrl.dismissNotice()} /> : null}

      {stale && report ? (
        <MessageBar intent="warning" layout="multiline" data-testid="stale">
          <MessageBarBody>
            {state.staleSheets.length ? t('stale', { sheets: state.staleSheets.join('、') }) : t('staleProfile')}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" {...whileBusy(busy)} onClick={() => void ctrl.check()}>{t('recheck')}</Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}

      {!report ? (
        <MessageBar intent="info" layout="multiline"><MessageBarBody>{t('notChecked')}</MessageBarBody></MessageBar>
      ) : report.tables.length === 0 ? (
        <MessageBar intent="warning" layout="multiline" data-testid="no-tables"><MessageBarBody>{t('findingsNoTables')}</MessageBarBody></MessageBar>
      ) : (
        <>
          <details>
            <summary>{t('tables')}{count(report.tables.length)}</summary>
            <ul className={s.tables} aria-label={t('tables')}>
              {report.tables.map((tb) => (
                <li key={tb.id}>
                  <Link as="button" onClick={() => void ctrl.selectTable(tb)}>{tableName(t(kindKey(tb.kind)), tb.name)}</Link>{' '}
                  <Caption1>{tb.sheet}!{tb.range}{tb.year ? ` · ${tb.year}` : ''}</Caption1>
                </li>
              ))}
            </ul>
          </details>

          <Tabs
            label={t('appTitle')}
            idPrefix="pane"
            selected={tab}
            onSelect={setTab}
            items={[
              { value: 'results', label: `${t('tabResults')}${count(openCount)}` },
              { value: 'recalc', label: `${t('tabRecalc')}${count(report.recalculated.length)}` },
              { value: 'scores', label: `${t('tabScores')}${count(report.scores.length)}` },
              { value: 'summary', label: `${t('tabSummary')}${count(paragraphs.filter((p) => p.kind !== 'caveat').length)}` },
              { value: 'text', label: t('tabText') },
              { value: 'profile', label: `${t('tabProfile')}${profileState}` },
            ]}
          />
        </>
      )}

      {report && report.tables.length > 0 ? (
        <div className={s.panel} role="tabpanel" id="pane-panel" aria-labelledby={`pane-tab-${tab}`}>
          {tab === 'results' ? (
            <>
              {report.findings.length === 0
                ? <MessageBar intent="success" layout="multiline"><MessageBarBody>{t('findingsNone')}</MessageBarBody></MessageBar>
                : (
                  <Findings
                    report={report}
                    visible={visible}
                    ignored={ignored}
                    current={state.current}
                    filter={state.filter}
                    formats={state.formats}
                    busy={busy}
                    fixFor={(f) => ctrl.fixFor(f)}
                    onFocus={(f) => void ctrl.focusFinding(f)}
                    onStep={(d) => void ctrl.step(d)}
                    onFilter={(f) => ctrl.setFilter(f)}
                    onSelect={(r) => void ctrl.select(r)}
                    onIgnore={(f) => void ctrl.ignore(f)}
                    onRestore={(k) => void ctrl.restoreIgnored(k)}
                    onFix={(f) => void ctrl.fixOne(f)}
                  />
                )}
              <Legend />
            </>
          ) : null}
          {tab === 'recalc' ? (
            <Recalc
              items={report.recalculated}
              selected={state.selected}
              labels={state.labels}
              formats={state.formats}
              written={state.written}
              canUndo={state.canUndo}
              busy={busy}
              onToggle={(k, on) => ctrl.toggleRecalc(k, on)}
              onAll={(on) => ctrl.selectAllRecalc(on)}
              onApply={() => void ctrl.applyRecalc()}
              onUndo={() => void ctrl.undo()}
              onSelect={(r) => void ctrl.select(r)}
            />
          ) : null}
          {tab === 'scores' ? <Scores scores={report.scores} tables={report.tables} onSelect={(tb) => void ctrl.selectTable(tb)} /> : null}
          {tab === 'summary' ? (
            <Summary
              text={state.summaryDraft}
              original={report.summary}
              busy={busy}
              canUndo={state.canUndo}
              onUndo={() => void ctrl.undo()}
              openErrors={ctrl.openErrors()}
              paragraphs={paragraphs}
              target={state.insertTarget}
              confirm={state.insertConfirm}
              onChange={(x) => ctrl.setSummaryDraft(x)}
              onToggleParagraph={(id, on) => ctrl.toggleParagraph(id, on)}
              onRefreshTarget={refreshTarget}
              onInsert={(ok) => void ctrl.insertSummary(ok)}
              onCancelInsert={() => ctrl.cancelInsert()}
              onReset={() => ctrl.resetSummary()}
              onCopied={(ok) => ctrl.copied(ok)}
            />
          ) : null}
          {tab === 'text' ? (
            <ReportText
              busy={busy}
              initial={ctrl.reportText()}
              kept={ctrl.reportTextKept}
              onCheck={(paras) => ctrl.checkReportText(paras)}
              readDocx={async (bytes, name) => (await readDocument(bytes, { name })).paragraphs}
              onSelect={(r) => void ctrl.select(r)}
            />
          ) : null}
          {tab === 'profile' ? profile : null}
        </div>
      ) : (
        <details>
          <summary>{t('tabProfile')}</summary>
          {profile}
        </details>
      )}
      {diagnostics ? <About diagnostics={diagnostics} /> : null}
    </Root>
  );
}
