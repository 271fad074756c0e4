/** dayjs's language, which antd's date pickers follow. Its own chunk: no first page shows a date. */
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { Lang } from './labels.ts';

export function setDayjsLocale(lang: Lang) {
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
}
