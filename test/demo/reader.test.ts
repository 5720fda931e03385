import { promises as fs } from 'fs';
import * as path from 'path';
import { MessageChannel, type MessagePort } from 'worker_threads';
import ExcelJS from 'exceljs';
import { serve, openParts, type OpenProgress, type WorkerScope } from '../../src/demo/worker';
import { WorkbookReader, analyzeWithPrecheck, OpenError, type WorkerLike } from '../../src/demo/reader';
import { FileHost } from '../../src/hosts/file/host';
import { workbookFromParts, workbookParts } from '../../src/hosts/file/transfer';
import { readWorkbookSync } from '../../src/hosts/file/read';
import { analyze } from '../../src/core/engine';
import { checkWorkbook } from '../../src/taskpane/check';
import { DEFAULT_PROFILE } from '../../src/core/profile';

/**
 * The web page's reading thread (src/demo/worker.ts) and the page's side of it
 * (src/demo/reader.ts), joined by a real MessageChannel: the same structured
 * clone and transfer as between the page and its Worker in the browser.
 */
const ROOT = path.resolve(__dirname, '../..');
const SAMPLE = path.join(ROOT, 'samples/hongjiang-2024.xlsx');
const REPORT_DOCX = path.resolve(ROOT, '../shared/fixtures/hongjiang-2024-report.docx');

/** A reader whose worker is the other end of a MessageChannel, served by worker.ts. */
function channelReader(): { reader: WorkbookReader; close: () => void; spawned: () => number } {
  const ports: MessagePort[] = [];
  let spawned = 0;
  const reader = new WorkbookReader(() => {
    spawned++;
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    serve(port2 as unknown as WorkerScope);
    return Object.assign(port1 as unknown as WorkerLike, { terminate: () => port1.close() });
  });
  return { reader, close: () => ports.forEach((p) => p.close()), spawned: () => spawned };
}

async function fileBytes(file: string): Promise<ArrayBuffer> {
  const b = await fs.readFile(file);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

describe('the reading thread over a message channel', () => {
  let ch: ReturnType<typeof channelReader>;
  beforeEach(() => { ch = channelReader(); });
  afterEach(() => ch.close());

  it('reads the sample with progress per sheet, hands the bytes over, and the host writes and downloads them', async () => {
    const bytes = await fileBytes(SAMPLE);
    const size = bytes.byteLength;
    const seen: OpenProgress[] = [];
    const r = await ch.reader.open(bytes, 'hongjiang-2024.xlsx', (p) => seen.push(p));
    expect(bytes.byteLength).toBe(0); // transferred, not copied
    expect(r.inWorker).toBe(true);
    // The check follows the workbook, in a message of its own.
    expect((await r.precheck)?.report.tables.map((t) => t.sheet)).toEqual(['附件2', '附件3', '附件4']);
    expect(r.fw.pkg.data.byteLength).toBe(size);
    const reading = seen.filter((p): p is Extract<OpenProgress, { stage: 'reading' }> => p.stage === 'reading');
    expect(reading.map((p) => p.sheet)).toEqual(['附件2', '附件3', '附件4']);
    expect(reading.map((p) => p.fraction)).toEqual([...reading.map((p) => p.fraction)].sort((a, b) => a - b));
    expect(seen[seen.length - 1]).toMatchObject({ stage: 'reading', sheet: '附件4' });

    // The same snapshot as a read in this thread.
    const here = readWorkbookSync(await fs.readFile(SAMPLE), { name: 'hongjiang-2024.xlsx' });
    expect(r.fw.snapshot).toEqual(here.snapshot);
    expect(workbookParts(r.fw)).toEqual(workbookParts(here));

    // Writing and the download work on the bytes that came back.
    const host = new FileHost(r.fw, 'hongjiang-2024.xlsx');
    host.editCell({ sheet: '附件2', cell: 'E20' }, '91.25', { value: 91.25 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await host.exportBytes()) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('附件2')!.getCell('E20').value).toBe(91.25);
    expect(wb.getWorksheet('附件3')!.getCell('H29').value).toBe(96);
  });

  it('refuses a file that is not a workbook with the reader\'s Chinese message and code, and reads the next file', async () => {
    const bad = new TextEncoder().encode('not a workbook').buffer as ArrayBuffer;
    const err = await ch.reader.open(bad, 'notes.xlsx').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenError);
    expect((err as OpenError).code).toBe('not-xlsx');
    expect((err as OpenError).message).toMatch(/^无法读取 notes\.xlsx：不是 Excel 工作簿/);
    const r = await ch.reader.open(await fileBytes(SAMPLE), 'again.xlsx');
    expect(r.fw.snapshot.sheets.map((s) => s.name)).toEqual(['附件2', '附件3', '附件4']);
    expect(ch.spawned()).toBe(1);
  });

  (require('fs').existsSync(REPORT_DOCX) ? it : it.skip)('opens the Word report: its tables as a workbook, its paragraphs for 报告正文', async () => {
    const seen: OpenProgress[] = [];
    const r = await ch.reader.open(await fileBytes(REPORT_DOCX), 'hongjiang-2024-report.docx', (p) => seen.push(p));
    expect(seen[0]).toEqual({ stage: 'document' });
    expect(r.reportText?.paragraphs).toHaveLength(81);
    expect(r.fw.snapshot.sheets).toHaveLength(3);
    // The precheck is the engine's report on those tables.
    expect((await r.precheck)?.report.findings).toEqual(analyze(r.fw.snapshot, { profile: DEFAULT_PROFILE }).findings);
  });
});

describe('a reading thread that fails', () => {
  it('rejects what it was reading with a Chinese message, and the next file gets a new worker', async () => {
    let spawned = 0;
    const reader = new WorkbookReader(() => {
      spawned++;
      const w: WorkerLike = {
        onmessage: null,
        onerror: null,
        // The browser stops the worker (out of memory) as soon as it is given work.
        postMessage: () => setTimeout(() => w.onerror?.({ message: 'Out of memory', preventDefault: () => undefined } as unknown as ErrorEvent), 0),
        terminate: () => undefined,
      };
      return w;
    });
    await expect(reader.open(await fileBytes(SAMPLE), 'a.xlsx')).rejects.toThrow(/浏览器在读取时出错（可能是内存不足）/);
    await expect(reader.open(await fileBytes(SAMPLE), 'b.xlsx')).rejects.toThrow(/内存不足/);
    expect(spawned).toBe(2);
  });

  it('a worker that fails after the workbook came but before its check: the check is null, the pane runs the engine', async () => {
    const { port1, port2 } = new MessageChannel();
    // A worker that sends the workbook and never its check.
    port2.on('message', (m: { id: number; bytes: ArrayBuffer; fileName: string }) => {
      const { opened } = openParts(new Uint8Array(m.bytes), m.fileName);
      port2.postMessage({ id: m.id, type: 'read', result: opened });
    });
    const w = Object.assign(port1 as unknown as WorkerLike, { terminate: () => port1.close() });
    const reader = new WorkbookReader(() => w);
    const r = await reader.open(await fileBytes(SAMPLE), 'a.xlsx');
    // Then the browser stops it.
    w.onerror?.({ message: 'stopped', preventDefault: () => undefined } as unknown as ErrorEvent);
    await expect(r.precheck).resolves.toBeNull();
    port2.close();
    const host = new FileHost(r.fw, 'a.xlsx');
    const run = analyzeWithPrecheck(r.fw.snapshot.sheets, r.precheck);
    const got = await run(await host.readWorkbook(), { profile: DEFAULT_PROFILE });
    expect(got.labels).toBeUndefined();
    expect(got.findings).toEqual(analyze(r.fw.snapshot, { profile: DEFAULT_PROFILE }).findings);
  });

  it('without a worker reads in this thread, with the same result', async () => {
    const reader = new WorkbookReader(() => null);
    const r = await reader.open(await fileBytes(SAMPLE), 'hongjiang-2024.xlsx');
    expect(r.inWorker).toBe(false);
    expect((await r.precheck)?.report.tables).toHaveLength(3);
    expect(r.fw.snapshot.sheets.map((s) => s.name)).toEqual(['附件2', '附件3', '附件4']);
  });
});

describe('analyzeWithPrecheck', () => {
  async function openedHost() {
    const { opened, check } = openParts(await fs.readFile(SAMPLE), 'hongjiang-2024.xlsx');
    const fw = workbookFromParts(opened.parts, opened.bytes);
    return { host: new FileHost(fw, 'hongjiang-2024.xlsx'), fw, precheck: check() };
  }

  it('answers the first 校验 with the check made while opening: the engine\'s report, with the cell names', async () => {
    const { host, fw, precheck } = await openedHost();
    expect(precheck).not.toBeNull();
    const run = analyzeWithPrecheck(fw.snapshot.sheets, Promise.resolve(precheck));
    const r = await run(await host.readWorkbook(), { profile: DEFAULT_PROFILE });
    expect(r.labels).toEqual(precheck!.labels);
    expect(r.findings).toEqual(analyze(fw.snapshot, { profile: DEFAULT_PROFILE }).findings);
    // The pane's check stores the same as with the engine itself.
    const viaPrecheck = await checkWorkbook(host, run, DEFAULT_PROFILE, 'pane', undefined, () => new Date(0));
    const { host: other } = await openedHost();
    const viaEngine = await checkWorkbook(other, analyze, DEFAULT_PROFILE, 'pane', undefined, () => new Date(0));
    expect(viaPrecheck).toEqual(viaEngine);
  });

  it('runs the engine after an edit, for another profile, and with report text', async () => {
    const { host, fw, precheck } = await openedHost();
    const run = analyzeWithPrecheck(fw.snapshot.sheets, Promise.resolve(precheck));
    const before = await run(await host.readWorkbook(), { profile: DEFAULT_PROFILE });
    const onE20 = (fs: { sheet: string; cell: string }[]) => fs.some((f) => f.sheet === '附件2' && f.cell === 'E20');
    expect(onE20(before.findings)).toBe(true);

    const other = await run(await host.readWorkbook(), { profile: { ...DEFAULT_PROFILE, fundsWeight: 20 } });
    expect(other.labels).toBeUndefined();
    const withText = await run(await host.readWorkbook(), { profile: DEFAULT_PROFILE, reportText: ['基本支出总额 267.63 万元。'] });
    expect(withText.labels).toBeUndefined();

    host.editCell({ sheet: '附件2', cell: 'E20' }, '91.25', { value: 91.25 });
    const edited = await host.readWorkbook();
    const after = await run(edited, { profile: DEFAULT_PROFILE });
    expect(after.labels).toBeUndefined();
    expect(after.findings).toEqual(analyze(edited, { profile: DEFAULT_PROFILE }).findings);
    expect(onE20(after.findings)).toBe(false);
  });
});
