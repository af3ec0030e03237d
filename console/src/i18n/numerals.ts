const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const UNITS = ['', '十', '百', '千'];

/**
 * An integer 0–9999 in Chinese numerals, as articles are cited (第十二条, 第一百零五条):
 * a leading 一十 is written 十, and a run of zeros inside the number is one 零.
 */
export const chineseNumeral = (n: number): string => {
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n);
  if (n === 0) return DIGITS[0] as string;
  const digits = String(n).split('').map(Number);
  let text = '';
  let pendingZero = false;
  digits.forEach((digit, i) => {
    const unit = UNITS[digits.length - 1 - i] as string;
    if (digit === 0) {
      pendingZero = text !== '';
      return;
    }
    if (pendingZero) text += DIGITS[0];
    pendingZero = false;
    text += (digit === 1 && unit === '十' && text === '' ? '' : DIGITS[digit]) + unit;
  });
  return text;
};

/** 12 → 第十二条. */
export const articleZh = (article: number) => `第${chineseNumeral(article)}条`;

/** [16, 17, 18] → 第十六、十七、十八条; [] → ''. */
export const articlesZh = (articles: readonly number[]) =>
  articles.length ? `第${articles.map(chineseNumeral).join('、')}条` : '';
