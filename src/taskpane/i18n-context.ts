import { createContext, useContext } from 'react';
import { translator, type Locale, type Translate } from '../i18n';

export interface I18n {
  locale: Locale;
  t: Translate;
}

export const I18nContext = createContext<I18n>({ locale: 'zh', t: translator('zh') });

export function useI18n(): I18n {
  return useContext(I18nContext);
}
