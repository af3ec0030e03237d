import type { Violation } from '#shared/domain/violation.ts';
import type { Problem } from '#shared/http/problem.ts';
import { articleZh } from '../i18n/numerals.ts';
import { pathZh } from '../i18n/phases-zh.ts';
import { label, PROBLEM_TITLES_ZH } from '../i18n/zh.ts';

/** One violation as a person reads it: the article (第十二条), what it needs, and where. */
export const ViolationItem = ({ violation }: { violation: Violation }) => {
  const where = violation.path ? pathZh(violation.path.replace(/^body\./, '')) : undefined;
  const text =
    violation.messageZh ?? (violation.code === 'VALIDATION' ? '填写不符合要求' : PROBLEM_TITLES_ZH[violation.code]);
  return (
    <li class="violation">
      {violation.article !== undefined && <strong class="article">{articleZh(violation.article)}</strong>}{' '}
      <span class="violation-message">{text ?? violation.message}</span>
      {where && <span class="violation-path">（{where}）</span>} <code class="violation-code">{violation.code}</code>
    </li>
  );
};

/**
 * A refusal as a list: a 422 names every article the action breaks (API.md), each with what it
 * needs; other problems say in Chinese what went wrong and, for failures, the request id to quote.
 */
export const ProblemList = ({ problem }: { problem: Problem | undefined }) => {
  if (!problem) return null;
  const title =
    problem.status === 422
      ? '按照《陵川县政务数据项目建设应用管理办法》，以下事项尚未满足：'
      : label(PROBLEM_TITLES_ZH, problem.code);
  return (
    <div class="problem" role="alert">
      <p class="problem-title">{title}</p>
      {problem.violations && problem.violations.length > 0 && (
        <ul class="violations">
          {problem.violations.map((violation, i) => (
            <ViolationItem key={`${violation.code}-${violation.path ?? i}`} violation={violation} />
          ))}
        </ul>
      )}
      {problem.status >= 500 && problem.requestId && <p class="muted">请求编号：{problem.requestId}</p>}
    </div>
  );
};
