/**
 * 超额完成扣分 (overshootDeduction, issue 17 class 6) in the pane's 评分规则
 * form: set as a percent, validated in Chinese, saved with the workbook,
 * loaded again, and the results re-checked under it at once.
 */
import * as React from 'react';
import { renderToString } from 'react-dom/server';
import { App } from '../../src/taskpane/App';
import { PaneController } from '../../src/taskpane/controller';
import { PROFILE_KEY } from '../../src/taskpane/keys';
import { analyze } from '../../src/core/engine';
import { hongjiang, edit } from '../support/rule-tester';
import { FakeHost } from './fake-host';

/** The corrected seed with an indicator far above its target: 附件3 row 19, target 1 家, actual 2 家. */
function overshooting(): FakeHost {
  const host = new FakeHost();
  host.snapshot = edit(hongjiang('corrected'), { '附件3!F19': '2 家' });
  return host;
}

const total = (ctrl: PaneController) => ctrl.getState().report!.scores.find((s) => s.kind === 'overall')!.total;

describe('超额完成扣分 in the 评分规则 form', () => {
  test('off by default; set to 20 %, the overall score drops as the engine scores it, at once', async () => {
    const host = overshooting();
    const ctrl = new PaneController(host, { analyze });
    await ctrl.check();
    expect(ctrl.profileForm().overshoot).toBeNull();
    const off = total(ctrl) as number;
    expect(ctrl.getState().report!.recalculated.find((r) => r.cell === 'H19')).toBeUndefined();

    ctrl.editProfile({ ...ctrl.profileForm(), overshoot: '20' });
    expect(ctrl.getState().profileDraft).not.toBeNull();
    expect(await ctrl.saveProfileForm()).toBe(true);
    expect(host.settings.get(PROFILE_KEY)).toMatchObject({ overshootDeduction: 0.2 });
    // Checked again under the new rules: not stale, the scores are the engine's with the deduction.
    const engine = analyze(host.snapshot, { profile: { overshootDeduction: 0.2 } });
    expect(ctrl.getState().profileStale).toBe(false);
    expect(total(ctrl)).toBe(engine.scores.find((s) => s.kind === 'overall')!.total);
    expect(total(ctrl)).toBeLessThan(off);
    const h19 = ctrl.getState().report!.recalculated.find((r) => r.cell === 'H19');
    expect(h19).toEqual(engine.recalculated.find((r) => r.cell === 'H19'));
    expect(ctrl.getState().notice?.key).toMatch(/^profileRechecked/);

    // Off again: back to the score without the deduction.
    ctrl.editProfile({ ...ctrl.profileForm(), overshoot: null });
    expect(await ctrl.saveProfileForm()).toBe(true);
    expect(host.settings.get(PROFILE_KEY)).toMatchObject({ overshootDeduction: null });
    expect(total(ctrl)).toBe(off);
  });

  test('a share that is not a percent in (0, 100] is refused in Chinese, and nothing is saved', async () => {
    const host = overshooting();
    const ctrl = new PaneController(host, { analyze });
    for (const bad of ['', 'abc', '0', '-5', '150', '20%%']) {
      ctrl.editProfile({ ...ctrl.profileForm(), overshoot: bad });
      expect(await ctrl.saveProfileForm()).toBe(false);
      const n = ctrl.getState().notice!;
      expect(n.key).toBe('profileInvalid');
      expect(n.error?.message).toContain('超额完成扣分的扣减比例应为大于 0、不超过 100 的百分数');
      expect(n.error?.message).not.toMatch(/overshootDeduction|null/);
    }
    expect(host.settings.has(PROFILE_KEY)).toBe(false);
    // 12.5% and a typed percent sign are fine.
    ctrl.editProfile({ ...ctrl.profileForm(), overshoot: '12.5%' });
    expect(await ctrl.saveProfileForm()).toBe(true);
    expect(host.settings.get(PROFILE_KEY)).toMatchObject({ overshootDeduction: 0.125 });
    // A profile file's own error names the setting in Chinese too.
    expect(await ctrl.saveProfile({ ...ctrl.getState().profile, overshootDeduction: 2 })).toBe(false);
    expect(ctrl.getState().notice?.error?.message).toMatch(/^超额完成扣分 应为/);
  });

  test('saved with the workbook: a pane opened later shows the switch on with its share', async () => {
    const host = overshooting();
    const first = new PaneController(host, { analyze });
    first.editProfile({ ...first.profileForm(), overshoot: '20' });
    await first.saveProfileForm();

    const later = new PaneController(host, { analyze });
    expect(later.getState().profile.overshootDeduction).toBe(0.2);
    expect(later.profileForm().overshoot).toBe('20');
    await later.check();
    expect(total(later)).toBe(analyze(host.snapshot, { profile: { overshootDeduction: 0.2 } }).scores.find((s) => s.kind === 'overall')!.total);

    const html = renderToString(<App host={host} controller={later} locale="zh" initialTab="profile" />).replace(/<!-- -->/g, '');
    expect(html).toContain('超额完成扣分（实际值达到目标 130% 及以上时，扣减分值的比例）');
    expect(html).toContain('扣减比例（占分值的 %）');
    expect(html).toMatch(/<input[^>]*value="20"[^>]*data-testid="overshoot-rate"|<input[^>]*data-testid="overshoot-rate"[^>]*value="20"/);
    expect(html).toContain('评分规则（已调整）');
    // Off by default: the switch is there, the share field is not.
    const fresh = new PaneController(overshooting(), { analyze });
    const off = renderToString(<App host={new FakeHost()} controller={fresh} locale="zh" />);
    expect(off).toContain('超额完成扣分');
    expect(off).not.toContain('overshoot-rate');
    expect(renderToString(<App host={host} controller={later} locale="en" initialTab="profile" />)).toContain('Overshoot deduction');
  });
});
