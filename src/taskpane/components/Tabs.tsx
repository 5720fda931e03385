import * as React from 'react';
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';

/**
 * The pane's tab strip: the ARIA tabs pattern (roving tabindex; ←/→, Home and
 * End move between tabs) in plain buttons. Fluent's TabList brings tabster's
 * hidden focus-redirect elements (aria-hidden with tabindex 0), which
 * accessibility checkers flag; this strip has none, and wraps at 320 px.
 */
const useStyles = makeStyles({
  list: { display: 'flex', flexWrap: 'wrap', columnGap: '2px', rowGap: '2px', borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  tab: {
    background: 'none', border: 'none', cursor: 'pointer', padding: '6px 8px', margin: 0,
    font: 'inherit', fontSize: tokens.fontSizeBase300, color: tokens.colorNeutralForeground2,
    borderBottom: '3px solid transparent', borderRadius: `${tokens.borderRadiusMedium} ${tokens.borderRadiusMedium} 0 0`,
    ':hover': { color: tokens.colorNeutralForeground1, backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  selected: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold, borderBottomColor: tokens.colorBrandStroke1 },
});

export interface TabItem<T extends string> {
  value: T;
  label: string;
}

export function Tabs<T extends string>(p: { label: string; items: TabItem<T>[]; selected: T; onSelect: (v: T) => void; idPrefix: string }) {
  const s = useStyles();
  const refs = React.useRef<(HTMLButtonElement | null)[]>([]);
  const move = (i: number) => {
    const n = p.items.length;
    const j = (i + n) % n;
    p.onSelect(p.items[j].value);
    refs.current[j]?.focus();
  };
  const index = p.items.findIndex((x) => x.value === p.selected);
  return (
    <div role="tablist" aria-label={p.label} className={s.list}>
      {p.items.map((x, i) => {
        const on = x.value === p.selected;
        return (
          <button
            key={x.value}
            ref={(el) => { refs.current[i] = el; }}
            type="button"
            role="tab"
            id={`${p.idPrefix}-tab-${x.value}`}
            aria-selected={on}
            aria-controls={`${p.idPrefix}-panel`}
            tabIndex={on ? 0 : -1}
            className={mergeClasses(s.tab, on && s.selected)}
            onClick={() => p.onSelect(x.value)}
            onKeyDown={(e) => {
              if (e.altKey || e.ctrlKey || e.metaKey) return;
              const k = e.key;
              if (k === 'ArrowRight' || k === 'ArrowDown') { e.preventDefault(); move(index + 1); }
              else if (k === 'ArrowLeft' || k === 'ArrowUp') { e.preventDefault(); move(index - 1); }
              else if (k === 'Home') { e.preventDefault(); move(0); }
              else if (k === 'End') { e.preventDefault(); move(p.items.length - 1); }
            }}
          >
            {x.label}
          </button>
        );
      })}
    </div>
  );
}
