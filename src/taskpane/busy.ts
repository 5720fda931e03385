/**
 * Buttons while the pane is busy: they wait, and say why. A waiting button
 * stays focusable (keyboard focus is not thrown out of the pane when the
 * button just pressed turns off), is aria-disabled, and is described by the
 * busy line above (正在校验，请稍候…… / 完成前其他按钮暂不可用), which stays in view.
 */
export const BUSY_ID = 'pane-busy';

export interface WaitProps {
  disabled?: boolean;
  disabledFocusable?: boolean;
  'aria-describedby'?: string;
}

/** Props of a button that waits while `busy`; `otherwise` is its own reason to be off (nothing ticked, nothing to undo). */
export function whileBusy(busy: boolean, otherwise = false): WaitProps {
  return busy ? { disabledFocusable: true, 'aria-describedby': BUSY_ID } : { disabled: otherwise };
}
