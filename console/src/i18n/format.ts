/** Integer fen → "580,000.00" yuan, exactly (no floating point anywhere on the way). */
export const yuan = (fen: number | null | undefined): string => {
  if (fen === null || fen === undefined) return '—';
  const whole = Math.trunc(fen / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${whole}.${String(Math.abs(fen % 100)).padStart(2, '0')}`;
};

/** "580000" or "580,000.5" yuan typed by a person → integer fen, or null when it is not an amount. */
export const parseYuan = (text: string): number | null => {
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/,/g, ''));
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
};

/** Fen → the yuan text an input starts with. */
export const yuanInput = (fen: number | null | undefined) =>
  fen === null || fen === undefined
    ? ''
    : `${Math.trunc(fen / 100)}${fen % 100 ? `.${String(fen % 100).padStart(2, '0')}` : ''}`;

const SHANGHAI = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** An instant as people in the county read it (Asia/Shanghai). */
export const dateTime = (iso: string | null | undefined) => (iso ? SHANGHAI.format(new Date(iso)) : '—');

/** Whole days from `from` to `to` (dates). */
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export const bytes = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 ** 2).toFixed(1)} MB`;
