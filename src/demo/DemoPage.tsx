/**
 * The web page (网页版): a toolbar (打开文件, 下载, 下载（不含标记）), the
 * workbook's grid on the left and the add-in's task pane on the right, both on
 * one FileHost. Opening another workbook (file picker or drag and drop) makes a
 * new host and mounts a new pane on it, as Excel starts the add-in afresh for
 * another document. Everything happens in this page: nothing is uploaded.
 *
 * Files are read and checked in the page's reading thread (reader.ts): the
 * page shows which sheet is being read and how far, and stays usable — the
 * workbook already open stays open until the new one is ready, and stays if
 * the new one cannot be read.
 */
import * as React from 'react';
import { Button, MessageBar, MessageBarBody, MessageBarActions, ProgressBar, Spinner, Text } from '@fluentui/react-components';
import { ArrowDownloadRegular, DocumentRegular, FolderOpenRegular } from '@fluentui/react-icons';
import { FileHost } from '../hosts/file/host';
import { Grid } from './Grid';
import { Pane } from './pane';
import { PaneController } from '../taskpane/controller';
import { WorkbookReader, analyzeWithPrecheck, type OpenedWorkbook } from './reader';
import type { OpenProgress } from './worker';

/** The bundled sample's file name. */
export const SAMPLE_NAME = 'hongjiang-2024.xlsx';

/** A workbook the page can open without the user picking a file (the bundled sample). */
export interface SampleSource {
  name: string;
  load: () => Promise<ArrayBuffer>;
}

/** Said in the toolbar and on the start screen. */
export const PRIVACY_TEXT = '文件只在本机浏览器中处理，不会上传到任何地方；本页不需要联网。';

interface Opened {
  host: FileHost;
  /** The pane's controller: the page asks it to check again before a download of stale results. */
  ctrl: PaneController;
  /** Bumped per workbook: the pane's React key. */
  id: number;
}

/** The download's file name: the workbook's name with -校验 (never twice), as .xlsx. */
export function downloadName(fileName: string): string {
  const base = fileName.replace(/\.(xlsx|xlsm|xls|docx)$/i, '').replace(/-校验$/, '') || '工作簿';
  return `${base}-校验.xlsx`;
}

/** A reader's error in the user's terms: a file named .xls is an old-format workbook to save as .xlsx. */
export function openErrorText(e: unknown, fileName: string): string {
  const code = (e as { code?: unknown })?.code;
  if (/\.xls$/i.test(fileName) && (code === 'not-xlsx' || code === 'xls' || code === 'damaged')) {
    return `无法读取 ${fileName}：这是旧版 Excel 97-2003 工作簿（.xls），请在 Excel 中“另存为” Excel 工作簿（.xlsx）后再打开。`;
  }
  return e instanceof Error ? e.message : String(e);
}

/** Another file to open while the open workbook has changes not yet downloaded: asked first. */
interface PendingOpen {
  fileName: string;
  /** Opens it after all (reads it, or shows it when it was read meanwhile). */
  proceed: () => void;
}

/**
 * The progress of one file being opened, for the progress line: its own store, so that the page does
 * not redraw per step, and at most one redraw a frame however many steps the reader reports.
 */
export class OpeningProgress {
  private progress: OpenProgress | null = null;
  private readonly listeners = new Set<() => void>();
  private queued = false;
  constructor(readonly fileName: string) {}
  get = (): OpenProgress | null => this.progress;
  set(p: OpenProgress): void {
    this.progress = p;
    if (this.queued) return;
    this.queued = true;
    const tell = () => {
      this.queued = false;
      for (const l of [...this.listeners]) l();
    };
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(tell);
    else setTimeout(tell, 16);
  }
  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
}

/** The progress line's words and its share (undefined: not measurable, the bar moves without a value). */
export function progressText(fileName: string, p: OpenProgress | null): { label: string; value?: number } {
  if (!p) return { label: `正在打开 ${fileName}……` };
  if (p.stage === 'document') return { label: `正在读取报告 ${fileName}……` };
  const pct = Math.floor(p.fraction * 100);
  return { label: `正在读取 ${fileName}：工作表“${p.sheet}”（第 ${p.index + 1}/${p.sheets} 个），已完成 ${pct}%`, value: p.fraction };
}

function downloadBlob(bytes: Uint8Array<ArrayBuffer>, fileName: string): void {
  const blob = new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function DemoPage({ sample, openSample = false, reader: givenReader }: { sample?: SampleSource; openSample?: boolean; reader?: WorkbookReader }): React.ReactElement {
  // Without a reader from the entry (tests), files are read in this thread.
  const reader = React.useMemo(() => givenReader ?? new WorkbookReader(() => null), [givenReader]);
  const [opened, setOpened] = React.useState<Opened | null>(null);
  const [opening, setOpening] = React.useState<OpeningProgress | null>(() => (openSample && sample ? new OpeningProgress(sample.name) : null));
  const [error, setError] = React.useState<string | null>(null);
  const [dragging, setDragging] = React.useState(false);
  const [pending, setPending] = React.useState<PendingOpen | null>(null);
  const input = React.useRef<HTMLInputElement>(null);
  const nextId = React.useRef(1);
  const current = React.useRef<Opened | null>(null);
  current.current = opened;

  /** The latest file asked for: a file read after another was chosen is not shown. */
  const latest = React.useRef(0);

  /** Shows a workbook read by the reader (the one open until now is let go). */
  const show = React.useCallback((r: OpenedWorkbook, fileName: string) => {
    setPending(null);
    const host = new FileHost(r.fw, fileName);
    const analyze = analyzeWithPrecheck(r.fw.snapshot.sheets, r.precheck);
    setOpened({ host, ctrl: new PaneController(host, { analyze, reportText: r.reportText }), id: nextId.current++ });
  }, []);

  const load = React.useCallback(async (read: () => Promise<ArrayBuffer>, fileName: string) => {
    const ticket = ++latest.current;
    const progress = new OpeningProgress(fileName);
    setOpening(progress);
    setError(null);
    setPending(null);
    // The open workbook as the user agreed to leave it (open() asks first when it has changes).
    const before = current.current?.host.getState();
    try {
      const r = await reader.open(await read(), fileName, (p) => progress.set(p));
      if (ticket !== latest.current) return;
      // Edits made to the open workbook while this one was read: asked first, as before reading.
      const now = current.current?.host.getState();
      if (now?.dirty && (!before?.dirty || now.sheets !== before.sheets)) setPending({ fileName, proceed: () => show(r, fileName) });
      else show(r, fileName);
    } catch (e) {
      if (ticket === latest.current) setError(openErrorText(e, fileName));
    } finally {
      if (ticket === latest.current) setOpening(null);
    }
  }, [reader, show]);

  /** Opens a workbook; with unsaved edits in the open one, asks first. */
  const open = React.useCallback(async (read: () => Promise<ArrayBuffer>, fileName: string) => {
    if (current.current?.host.getState().dirty) {
      setPending({ fileName, proceed: () => void load(read, fileName) });
      return;
    }
    await load(read, fileName);
  }, [load]);

  const openFile = React.useCallback((file: File) => open(() => file.arrayBuffer(), file.name), [open]);

  const openSampleNow = React.useCallback(() => (sample ? open(sample.load, sample.name) : Promise.resolve()), [open, sample]);

  // The bundled sample at start, when the address asks for it.
  React.useEffect(() => {
    if (openSample) void openSampleNow();
  }, [openSample, openSampleNow]);

  // Closing or reloading the page with changes not yet downloaded: the browser asks first.
  React.useEffect(() => {
    const ask = (e: BeforeUnloadEvent) => {
      if (!current.current?.host.getState().dirty) return;
      e.preventDefault();
      // Older browsers show their own question only when returnValue is set.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, []);

  // Drag and drop anywhere on the page.
  React.useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    const enter = (e: DragEvent) => { if (!hasFiles(e)) return; e.preventDefault(); depth++; setDragging(true); };
    const over = (e: DragEvent) => { if (!hasFiles(e)) return; e.preventDefault(); e.dataTransfer!.dropEffect = 'copy'; };
    const leave = (e: DragEvent) => { if (!hasFiles(e)) return; depth = Math.max(0, depth - 1); if (depth === 0) setDragging(false); };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const file = e.dataTransfer!.files[0];
      if (file) void openFile(file);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [openFile]);

  const download = async (withMarks = true) => {
    if (!opened) return;
    setError(null);
    try {
      // Notes must describe the cells as they are: results out of date are checked again first.
      const st = opened.ctrl.getState();
      if (st.report && (st.staleSheets.length > 0 || st.profileStale) && !(await opened.ctrl.check())) {
        setError('下载前重新校验失败，未下载（批注可能已过期）。请查看任务窗格中的提示后重试。');
        return;
      }
      downloadBlob(await opened.host.exportBytes({ marks: withMarks }), downloadName(opened.host.getState().fileName));
      opened.host.markSaved();
    } catch (e) {
      setError(`下载失败：${messageOf(e)}`);
    }
  };

  const unsupported = opened?.host.unsupported ?? [];
  return (
    <div className="page">
      <header className="toolbar">
        <Text weight="semibold" size={400} className="title">自评表校验助手 · 网页版</Text>
        <Button icon={<FolderOpenRegular />} onClick={() => input.current?.click()} data-testid="open">打开文件</Button>
        <input
          ref={input}
          type="file"
          accept=".xlsx,.xlsm,.xls,.docx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          hidden
          aria-hidden="true"
          tabIndex={-1}
          data-testid="file-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void openFile(file);
          }}
        />
        <Button icon={<ArrowDownloadRegular />} onClick={() => void download(true)} disabled={!opened} data-testid="download"
          title="下载工作簿：含写入的修改、问题单元格的标记和批注，以及忽略的问题、评分规则和校验结果">下载</Button>
        <Button onClick={() => void download(false)} disabled={!opened} data-testid="download-clean"
          title="下载工作簿：含写入的修改，不含本工具的标记、批注和“校验结果”工作表（报送用）">下载（不含标记）</Button>
        <span className="file-name" data-testid="file-name">{opened ? opened.host.getState().fileName : ''}</span>
        {opened ? <DirtyFlag host={opened.host} /> : null}
        <span className="hint" data-testid="privacy">可将 .xlsx 工作簿或 .docx 报告拖放到页面上打开（报告中的表格在左边显示，正文在“报告正文”选项卡中核对）。{PRIVACY_TEXT}</span>
      </header>
      {opening && <OpeningLine progress={opening} />}
      {error && (
        <MessageBar intent="error" layout="multiline" data-testid="page-error"><MessageBarBody>{error}</MessageBarBody></MessageBar>
      )}
      {pending && (
        <MessageBar intent="warning" layout="multiline" role="alert" data-testid="confirm-open">
          <MessageBarBody>
            当前工作簿 {opened?.host.getState().fileName} 有尚未下载的修改。打开 {pending.fileName} 会丢弃这些修改。
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => void download(true)}>先下载</Button>
            <Button size="small" appearance="primary" onClick={pending.proceed}>放弃修改并打开</Button>
            <Button size="small" onClick={() => setPending(null)}>取消</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {unsupported.length > 0 && (
        <MessageBar intent="warning"><MessageBarBody>此工作簿含有下载时无法保留的内容：{unsupported.join('、')}。</MessageBarBody></MessageBar>
      )}
      <main className="workspace">
        <section className="sheet-area" aria-label="工作表">
          {opened ? <Grid host={opened.host} /> : (
            <div className="grid-empty" data-testid="start">
              {opening ? <Spinner size="small" label="请稍候" /> : (
                <>
                  <Text as="h1" size={500} weight="semibold">自评表校验助手 · 网页版</Text>
                  <p>打开部门整体支出绩效自评报告的附件表格（.xlsx），校验、逐条处理问题、重算、插入摘要，然后下载修改后的工作簿。</p>
                  <p><strong>{PRIVACY_TEXT}</strong></p>
                  <div className="start-actions">
                    <Button appearance="primary" icon={<FolderOpenRegular />} onClick={() => input.current?.click()}>打开工作簿……</Button>
                    {sample && <Button icon={<DocumentRegular />} onClick={() => void openSampleNow()} data-testid="open-sample">打开示例工作簿</Button>}
                  </div>
                  <p className="start-hint">也可以把 .xlsx 文件拖放到本页上。本页可以复制到 U 盘或内网共享文件夹，双击 index.html 即可使用。</p>
                </>
              )}
            </div>
          )}
        </section>
        <aside className="pane-area" aria-label="任务窗格">
          {opened && <Pane key={opened.id} host={opened.host} controller={opened.ctrl} />}
        </aside>
      </main>
      {dragging && <div className="drop-overlay">松开鼠标以打开工作簿</div>}
    </div>
  );
}

/** What is being opened: the sheet being read and how far, under the toolbar (the page stays usable meanwhile). */
function OpeningLine({ progress }: { progress: OpeningProgress }): React.ReactElement {
  const p = React.useSyncExternalStore(progress.subscribe, progress.get);
  const { label, value } = progressText(progress.fileName, p);
  return (
    <div className="open-progress" data-testid="open-progress">
      <span className="open-progress-text" data-testid="open-progress-text">{label}</span>
      <ProgressBar className="open-progress-bar" value={value} max={1} thickness="large" aria-label={label} />
    </div>
  );
}

/** 未下载的修改: shown while the open workbook has edits the download has not taken. */
function DirtyFlag({ host }: { host: FileHost }): React.ReactElement | null {
  const state = React.useSyncExternalStore(host.subscribe, host.getState);
  return state.dirty ? <span className="file-name" data-testid="dirty">（有未下载的修改）</span> : null;
}
