import * as React from 'react';
import {
  FluentProvider, webLightTheme, Button, Title3, Caption1, Subtitle2, ProgressBar, Field, TabList, Tab,
  MessageBar, MessageBarBody, MessageBarTitle, MessageBarActions, makeStyles, tokens,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import type { WorkbookHost } from '../hosts/host';
import { analyze as engineAnalyze } from '../core/engine';
import { translator, errorText, type Locale } from '../i18n';
import { PaneController, type Notice, type PaneState } from './controller';
import type { Analyze } from './check';
import { I18nContext, useI18n } from './i18n-context';
import { formatTime } from './format';
import { Tables } from './components/Tables';
import { Findings } from './components/Findings';
import { Recalc } from './components/Recalc';
import { Scores } from './components/Scores';
import { Summary } from './components/Summary';
import { Profile } from './components/Profile';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM, minHeight: '100vh', boxSizing: 'border-box' },
  toolbar: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  panel: { paddingTop: tokens.spacingVerticalS },
});

export interface AppProps {
  host: WorkbookHost;
  locale: Locale;
  /** The engine; injected by tests. */
  analyze?: Analyze;
  /** A ready controller; by default the App makes one for the host. */
  controller?: PaneController;
  /** The tab shown first (default: findings). */
  initialTab?: TabId;
}

export type TabId = 'results' | 'recalc' | 'scores' | 'summary' | 'profile';

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
      <FluentProvider theme={webLightTheme} lang={props.locale === 'zh' ? 'zh-CN' : 'en'}>
        <Pane ctrl={ctrl} state={state} initialTab={props.initialTab} />
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
    <MessageBar intent={n.intent} role={n.intent === 'error' ? 'alert' : 'status'}>
      <MessageBarBody>
        {n.intent === 'error' ? <MessageBarTitle>{t('error')}</MessageBarTitle> : null}
        {n.key === 'fromRibbon' ? t('fromRibbon', { time: formatTime(String(n.params?.time ?? ''), locale) }) : text}
      </MessageBarBody>
      <MessageBarActions containerAction={<Button appearance="transparent" aria-label={t('dismiss')} icon={<DismissRegular />} onClick={props.onDismiss} />} />
    </MessageBar>
  );
}

export function Pane({ ctrl, state, initialTab }: { ctrl: PaneController; state: PaneState; initialTab?: TabId }) {
  const { t, locale } = useI18n();
  const s = useStyles();
  const [tab, setTab] = React.useState<TabId>(initialTab ?? 'results');
  const busy = state.busy !== null;
  const report = state.report;
  const stale = state.staleSheets.length > 0 || state.profileStale;
  const profile = (
    <Profile
      profile={state.profile}
      autoRecheck={state.autoRecheck}
      busy={busy}
      onSave={(p) => void ctrl.saveProfile(p)}
      onLevelForActive={(lv) => void ctrl.setAchievementLevelForActiveCell(lv)}
      onRemoveLevel={(k) => void ctrl.setAchievementLevel(k, null)}
      onSelect={(r) => void ctrl.select(r)}
      onAutoRecheck={(on) => void ctrl.setAutoRecheck(on)}
    />
  );
  return (
    <main className={s.root} aria-busy={busy}>
      <header>
        <Title3 as="h1">{t('appTitle')}</Title3>
        {state.checkedAt ? <Caption1 block>{t('checkedAt', { time: formatTime(state.checkedAt, locale) })}</Caption1> : null}
      </header>

      <div className={s.toolbar}>
        <Button appearance="primary" disabled={busy} onClick={() => void ctrl.check()}>{report ? t('recheck') : t('check')}</Button>
        <Button disabled={busy} onClick={() => void ctrl.clearMarks()}>{t('clearMarks')}</Button>
      </div>

      {state.busy ? (
        <Field validationMessage={t(state.busy.stage)} validationState="none">
          <ProgressBar value={state.busy.fraction ?? undefined} thickness="large" />
        </Field>
      ) : null}

      {state.notice ? <NoticeBar notice={state.notice} onDismiss={() => ctrl.dismissNotice()} /> : null}

      {stale && report ? (
        <MessageBar intent="warning">
          <MessageBarBody>
            {state.staleSheets.length ? t('stale', { sheets: state.staleSheets.join('、') }) : t('staleProfile')}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" disabled={busy} onClick={() => void ctrl.check()}>{t('recheck')}</Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}

      {!report ? (
        <MessageBar intent="info"><MessageBarBody>{t('notChecked')}</MessageBarBody></MessageBar>
      ) : (
        <>
          <section aria-label={t('tables')}>
            <Subtitle2 as="h2">{t('tables')}</Subtitle2>
            {report.tables.length === 0
              ? <MessageBar intent="warning"><MessageBarBody>{t('tablesNone')}</MessageBarBody></MessageBar>
              : <Tables tables={report.tables} onSelect={(tb) => void ctrl.selectTable(tb)} />}
          </section>

          <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabId)} size="small">
            <Tab value="results">{t('tabResults')}</Tab>
            <Tab value="recalc">{t('tabRecalc')}{report.recalculated.length ? ` (${report.recalculated.length})` : ''}</Tab>
            <Tab value="scores">{t('tabScores')}</Tab>
            <Tab value="summary">{t('tabSummary')}</Tab>
            <Tab value="profile">{t('tabProfile')}</Tab>
          </TabList>
        </>
      )}

      <div className={s.panel} role="tabpanel">
        {report && tab === 'results' ? (
          report.findings.length === 0
            ? <MessageBar intent="success"><MessageBarBody>{t('findingsNone')}</MessageBarBody></MessageBar>
            : <Findings report={report} onSelect={(r) => void ctrl.select(r)} />
        ) : null}
        {report && tab === 'recalc' ? (
          <Recalc
            items={report.recalculated}
            selected={state.selected}
            canUndo={state.canUndo}
            busy={busy}
            onToggle={(k, on) => ctrl.toggleRecalc(k, on)}
            onAll={(on) => ctrl.selectAllRecalc(on)}
            onApply={() => void ctrl.applyRecalc()}
            onUndo={() => void ctrl.undo()}
            onSelect={(r) => void ctrl.select(r)}
          />
        ) : null}
        {report && tab === 'scores' ? <Scores scores={report.scores} tables={report.tables} onSelect={(tb) => void ctrl.selectTable(tb)} /> : null}
        {report && tab === 'summary' ? (
          <Summary
            text={state.summaryDraft}
            original={report.summary}
            busy={busy}
            onChange={(x) => ctrl.setSummaryDraft(x)}
            onInsert={() => void ctrl.insertSummary()}
            onReset={() => ctrl.resetSummary()}
            onCopied={(ok) => ctrl.copied(ok)}
          />
        ) : null}
        {report && tab === 'profile' ? profile : null}
        {!report ? (
          <details>
            <summary>{t('tabProfile')}</summary>
            {profile}
          </details>
        ) : null}
      </div>
    </main>
  );
}
