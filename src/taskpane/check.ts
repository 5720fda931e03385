import type { WorkbookHost, Progress } from '../hosts/host';
import type { WorkbookSnapshot } from '../core/snapshot';
import type { Report, Finding } from '../core/report';
import { patchFromReport } from '../core/patch';
import { resolveProfile, DEFAULT_PROFILE, type ScoringProfile } from '../core/profile';
import { REPORT_KEY, PROFILE_KEY, IGNORED_KEY, type StoredReport, type CheckSource } from './keys';
import { findingKey } from './wording';
import { formatsOf, reportCells, derivedLabels } from './roles';
import type { Analysis } from '../core/evaluate';

/** What Analyze returns: the engine's report, and the names of the derived cells when it has them already. */
export type Analyzed = Report & { labels?: StoredReport['labels'] };

/**
 * The engine's entry point, injected so that tests can use a fake. It may answer later (the web page's
 * check made in its reading thread) and may hand over the names of the derived cells (`labels`, as
 * derivedLabels makes them) when it has them already.
 */
export type Analyze = (workbook: WorkbookSnapshot, options: { profile?: Partial<ScoringProfile>; reportText?: readonly string[] }) => Analyzed | Promise<Analyzed>;

export type CheckStage = 'reading' | 'analyzing' | 'marking';

export interface CheckResult extends StoredReport {
  /** Set when the check succeeded but the cells could not be marked (e.g. a protected sheet). */
  markError: unknown;
}

/** Only the report's own fields: the engine may return more, which the settings need not keep. */
export function pickReport(r: Report): Report {
  return { tables: r.tables, findings: r.findings, recalculated: r.recalculated, scores: r.scores, summary: r.summary };
}

/** The scoring profile saved with the workbook, or the defaults when none (or an invalid one) is saved. */
export function loadProfile(host: Pick<WorkbookHost, 'getSetting'>): ScoringProfile {
  try {
    return resolveProfile(host.getSetting<unknown>(PROFILE_KEY));
  } catch {
    return { ...DEFAULT_PROFILE, achievementLevels: {} };
  }
}

export function loadStoredReport(host: WorkbookHost): StoredReport | null {
  const v = host.getSetting<Partial<StoredReport>>(REPORT_KEY);
  if (!v || typeof v !== 'object' || !v.report || !Array.isArray(v.report.tables) || !Array.isArray(v.report.findings)) return null;
  return {
    report: { tables: v.report.tables, findings: v.report.findings, recalculated: v.report.recalculated ?? [], scores: v.report.scores ?? [], summary: v.report.summary ?? '' },
    checkedAt: typeof v.checkedAt === 'string' ? v.checkedAt : '',
    source: v.source === 'ribbon' ? 'ribbon' : 'pane',
    formats: v.formats && typeof v.formats === 'object' ? v.formats : {},
    labels: v.labels && typeof v.labels === 'object' ? v.labels : {},
  };
}

/** The keys of the findings the user ignored, saved with the workbook. */
export function loadIgnored(host: WorkbookHost): string[] {
  const v = host.getSetting<unknown>(IGNORED_KEY);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** The findings that are not ignored. */
export function openFindings(report: Report, ignored: readonly string[]): Finding[] {
  if (ignored.length === 0) return report.findings;
  const skip = new Set(ignored);
  return report.findings.filter((f) => !skip.has(findingKey(f)));
}

/**
 * Reads the workbook, runs every check, replaces the marks with the new
 * findings' marks and stores the report in the workbook's settings. Shared by
 * the pane's 校验 and the ribbon's 一键校验. With `write` false (the automatic
 * re-check after an edit) it only reads and analyzes: no marks, no settings.
 */
export async function checkWorkbook(
  host: WorkbookHost,
  analyze: Analyze,
  profile: ScoringProfile,
  source: CheckSource,
  onStage?: (stage: CheckStage, progress?: Progress) => void,
  now: () => Date = () => new Date(),
  write = true,
): Promise<CheckResult> {
  onStage?.('reading');
  const snapshot = await host.readWorkbook((p) => onStage?.('reading', p));
  onStage?.('analyzing');
  await new Promise((r) => setTimeout(r, 0)); // let the pane paint its progress before the engine runs
  const analyzed: Analyzed & { analysis?: Analysis } = await analyze(snapshot, { profile });
  const report = pickReport(analyzed);
  let labels: StoredReport['labels'] = {};
  try {
    // The engine's own analysis when it hands it over (analyze() does): recognition is not run twice.
    labels = analyzed.labels ?? derivedLabels(analyzed.analysis ?? snapshot, profile);
  } catch {
    // names for the 重算 list are a help only
  }
  const stored: StoredReport = { report, checkedAt: now().toISOString(), source, formats: formatsOf(snapshot, reportCells(report)), labels };
  if (!write) return { ...stored, markError: null };
  onStage?.('marking');
  let markError: unknown = null;
  try {
    await host.clearMarks();
  } catch (e) {
    markError = e;
  }
  // Marks left on a protected sheet (marksPartial) do not stop the others; any other failure does.
  if (!markError || (markError as { code?: unknown }).code === 'marksPartial') {
    try {
      // Ignored findings are not marked.
      const patch = patchFromReport({ ...report, findings: openFindings(report, loadIgnored(host)) }, { values: false });
      if (patch.marks.length) await host.applyPatch(patch);
    } catch (e) {
      markError = e;
    }
  }
  await host.setSetting(REPORT_KEY, stored);
  return { ...stored, markError };
}

/** The first error finding in report order, or undefined. */
export function firstError(report: Report): Finding | undefined {
  return report.findings.find((f) => f.severity === 'error');
}
