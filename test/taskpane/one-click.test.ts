import { oneClick } from '../../src/commands/one-click';
import { REPORT_KEY, RIBBON_ERROR_KEY, PROFILE_KEY } from '../../src/taskpane/keys';
import { HostError } from '../../src/hosts/errors';
import { FakeHost, fakeReport } from './fake-host';

const NOW = new Date('2025-03-01T08:00:00.000Z');

describe('一键校验 (ribbon)', () => {
  test('checks, marks, selects the first error and stores the report for the pane', async () => {
    const host = new FakeHost();
    host.settings.set(PROFILE_KEY, { reverseFormula: 'ratio' });
    const seen: unknown[] = [];
    await oneClick(host, (_wb, o) => { seen.push(o.profile); return fakeReport(); }, () => NOW);
    expect(seen[0]).toMatchObject({ reverseFormula: 'ratio' });
    expect(host.calls).toEqual(['readWorkbook', 'clearMarks', 'applyPatch', `setSetting ${REPORT_KEY}`, 'select 附件3!G5']);
    expect(host.patches[0].values).toEqual([]);
    expect(host.patches[0].marks).toHaveLength(4);
    expect(host.settings.get(REPORT_KEY)).toEqual({ report: fakeReport(), checkedAt: NOW.toISOString(), source: 'ribbon', formats: {}, labels: {} });
  });

  test('no error: nothing is selected', async () => {
    const host = new FakeHost();
    await oneClick(host, () => fakeReport({ findings: fakeReport().findings.filter((f) => f.severity !== 'error') }), () => NOW);
    expect(host.selected).toBeNull();
  });

  test('a failure is stored for the pane to show', async () => {
    const host = new FakeHost();
    host.failNext.readWorkbook = new HostError('editMode');
    expect(await oneClick(host, () => fakeReport(), () => NOW)).toBeNull();
    expect(host.settings.get(RIBBON_ERROR_KEY)).toEqual({ code: 'editMode', params: {}, message: new HostError('editMode').message, at: NOW.toISOString() });
    expect(host.settings.has(REPORT_KEY)).toBe(false);
  });
});
