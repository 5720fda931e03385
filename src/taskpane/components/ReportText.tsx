import * as React from 'react';
import {
  Button, Caption1, Field, Link, MessageBar, MessageBarBody, Text, Textarea, makeStyles, tokens,
} from '@fluentui/react-components';
import { useI18n } from '../i18n-context';
import type { CellRef, Finding, TextSummary } from '../../core/report';
import { whileBusy } from '../busy';
import type { ReportTextKept } from '../controller';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  actions: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS, alignItems: 'center' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  item: { borderLeft: `3px solid ${tokens.colorPaletteRedBorderActive}`, paddingLeft: tokens.spacingHorizontalS, overflowWrap: 'anywhere' },
  quote: { margin: `${tokens.spacingVerticalXS} 0`, paddingLeft: tokens.spacingHorizontalS, borderLeft: `2px solid ${tokens.colorNeutralStroke2}`, color: tokens.colorNeutralForeground2 },
  cells: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS },
});

/** What checking the text gave: the findings on the text and what was looked at. */
export interface TextResult {
  findings: Finding[];
  summary: TextSummary;
}

export interface ReportTextProps {
  busy: boolean;
  /** Checks paragraphs against the workbook's tables (paragraph n is `[n - 1]`). */
  onCheck: (paragraphs: string[]) => Promise<TextResult>;
  /** Reads the paragraphs of a .docx; throws an error whose message is one line for the user. */
  readDocx: (bytes: ArrayBuffer, name: string) => Promise<string[]>;
  onSelect: (ref: CellRef) => void;
  /** A report that came with the workbook (the web page opening a .docx): checked when the tab opens. */
  initial?: { name: string; paragraphs: string[] } | null;
  /** Where the tab keeps its report, pasted text and result while another tab is shown. */
  kept?: ReportTextKept;
}

/** Pasted text: one paragraph a line. */
export function pastedParagraphs(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}

/**
 * The 报告正文 tab: the report's text, from a .docx or pasted, checked against the workbook's tables.
 * Each finding quotes its sentence; a click on a cell goes to it.
 */
export function ReportText(p: ReportTextProps) {
  const { t } = useI18n();
  const s = useStyles();
  const kept = p.kept?.started ? p.kept : null;
  const [doc, setDoc] = React.useState<{ name: string; paragraphs: string[] } | null>(kept ? kept.doc : p.initial ?? null);
  const [pasted, setPasted] = React.useState(kept?.pasted ?? '');
  const [result, setResultHere] = React.useState<TextResult | null>(kept?.result ?? null);
  const [error, setErrorHere] = React.useState<string | null>(kept?.error ?? null);
  const [working, setWorking] = React.useState(false);
  const fileRef = React.useRef<HTMLInputElement>(null);
  // A result (or error) that arrives after the tab was left is kept too.
  const { kept: store } = p;
  const setResult = React.useCallback((r: TextResult | null) => { if (store) store.result = r; setResultHere(r); }, [store]);
  const setError = React.useCallback((e: string | null) => { if (store) store.error = e; setErrorHere(e); }, [store]);
  React.useEffect(() => {
    if (!store) return;
    store.started = true;
    store.doc = doc;
    store.pasted = pasted;
  }, [store, doc, pasted]);

  const paragraphs = doc ? doc.paragraphs : pasted.trim() ? pastedParagraphs(pasted) : null;
  const run = async (paras: string[]) => {
    setWorking(true);
    setError(null);
    try {
      setResult(await p.onCheck(paras));
    } catch (e) {
      setError((e as Error)?.message ?? String(e));
      setResult(null);
    } finally {
      setWorking(false);
    }
  };
  // The report that came with the workbook is checked as soon as the tab opens.
  const first = React.useRef(kept ? null : p.initial ?? null);
  const { onCheck } = p;
  React.useEffect(() => {
    const d = first.current;
    if (!d) return;
    first.current = null;
    setWorking(true);
    onCheck(d.paragraphs).then(setResult, (e: unknown) => setError((e as Error)?.message ?? String(e))).finally(() => setWorking(false));
  }, [onCheck, setResult, setError]);
  const onFile = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    if (!f) return;
    setError(null);
    setResult(null);
    try {
      const paras = await p.readDocx(await f.arrayBuffer(), f.name);
      setDoc({ name: f.name, paragraphs: paras });
      await run(paras);
    } catch (err) {
      setDoc(null);
      setError((err as Error)?.message ?? String(err));
    }
  };
  return (
    <div className={s.stack} data-testid="report-text">
      <Text>{t('textIntro')}</Text>
      <div className={s.actions}>
        <Button {...whileBusy(p.busy, working)} onClick={() => fileRef.current?.click()}>{t('textChoose')}</Button>
        <input
          ref={fileRef}
          type="file"
          accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          hidden
          aria-label={t('textChoose')}
          data-testid="report-file"
          onChange={(e) => void onFile(e)}
        />
        {doc ? (
          <>
            <Caption1>{t('textFile', { name: doc.name, n: doc.paragraphs.length })}</Caption1>
            <Link as="button" onClick={() => { setDoc(null); setResult(null); if (fileRef.current) fileRef.current.value = ''; }}>{t('textClear')}</Link>
          </>
        ) : null}
      </div>
      {doc ? null : (
        <Field label={t('textPaste')}>
          <Textarea value={pasted} resize="vertical" rows={5} onChange={(_, d) => { setPasted(d.value); setResult(null); }} />
        </Field>
      )}
      <div className={s.actions}>
        <Button appearance="primary" {...whileBusy(p.busy, working || !paragraphs)} onClick={() => paragraphs && void run(paragraphs)}>{t('textCheck')}</Button>
      </div>
      {error ? <MessageBar intent="error" layout="multiline" role="alert"><MessageBarBody>{error}</MessageBarBody></MessageBar> : null}
      {result ? (
        <>
          <Caption1 data-testid="text-counts">{t('textCounts', { paragraphs: result.summary.paragraphs, figures: result.summary.figures, checked: result.summary.checked })}</Caption1>
          {result.findings.length === 0 ? (
            <MessageBar intent="success" layout="multiline"><MessageBarBody>{t('textNone', { checked: result.summary.checked })}</MessageBarBody></MessageBar>
          ) : (
            <ul className={s.list} aria-label={t('tabText')}>
              {result.findings.map((f, i) => (
                <li key={`${f.paragraph}-${i}`} className={s.item} data-text-finding>
                  <Text weight="semibold">{t(`severity_${f.severity}`)}</Text>{' '}
                  <Text>{f.message}</Text>
                  <blockquote className={s.quote}>{t('textQuote', { n: f.paragraph ?? 0 })}“{f.quote}”</blockquote>
                  {f.related.length ? (
                    <div className={s.cells}>
                      <Caption1>{t('related')}：</Caption1>
                      {f.related.map((r) => (
                        <Link key={`${r.sheet}!${r.cell}`} as="button" onClick={() => p.onSelect(r)} aria-label={t('goTo', { cell: `${r.sheet}!${r.cell}` })}>
                          <Caption1>{r.sheet}!{r.cell}</Caption1>
                        </Link>
                      ))}
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </div>
  );
}
