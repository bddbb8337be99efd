import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zh from './zh';
import en from './en';

const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('lang') : null;

void i18n.use(initReactI18next).init({
  resources: { zh: { translation: zh }, en: { translation: en } },
  lng: saved === 'en' ? 'en' : 'zh',
  fallbackLng: 'zh',
  interpolation: { escapeValue: false },
});

export const setLanguage = (lng: 'zh' | 'en') => {
  localStorage.setItem('lang', lng);
  document.documentElement.lang = lng === 'en' ? 'en-US' : 'zh-CN';
  void i18n.changeLanguage(lng);
};

export default i18n;
