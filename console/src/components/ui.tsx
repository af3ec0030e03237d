import type { ComponentChildren } from 'preact';
import { RULES, type RuleCode } from '#shared/domain/rules/catalog.ts';
import { articleZh } from '../i18n/numerals.ts';
import { DOCUMENT_STATUS_ZH, label, STAGES_ZH } from '../i18n/zh.ts';

export const Loading = ({ what = '加载中' }: { what?: string }) => (
  <p class="muted" aria-live="polite">
    {what}…
  </p>
);

/** A titled card; `busy` while what decides its content is still loading (aria-busy). */
export const Section = ({
  title,
  id,
  busy,
  children,
}: {
  title: string;
  id?: string;
  busy?: boolean;
  children: ComponentChildren;
}) => (
  <section class="card" aria-labelledby={id ? `${id}-title` : undefined} aria-busy={busy ? 'true' : undefined}>
    <h2 id={id ? `${id}-title` : undefined}>{title}</h2>
    {children}
  </section>
);

export const StageBadge = ({ stage }: { stage: string }) => (
  <span class={`badge stage-${stage}`}>{label(STAGES_ZH, stage)}</span>
);

export const DocumentStatus = ({ status }: { status: string }) => (
  <span class={`badge doc-${status}`}>{label(DOCUMENT_STATUS_ZH, status)}</span>
);

export const Empty = ({ children }: { children: ComponentChildren }) => <p class="muted">{children}</p>;

/** A rule as a person cites it: the article (第二十九条) beside its code. */
export const Rule = ({ code }: { code: string }) => {
  const rule = RULES[code as RuleCode];
  return (
    <span>
      {rule ? `${articleZh(rule.article)} ` : ''}
      <code>{code}</code>
    </span>
  );
};
