import { COUNTY_WATCHERS, hasRole, isDepartmentUser, REVIEWERS, type Session } from '../auth/session.ts';
import { Link } from '../router.tsx';

const Card = ({ href, title, text }: { href: string; title: string; text: string }) => (
  <li class="card tile">
    <h2>
      <Link href={href}>{title}</Link>
    </h2>
    <p>{text}</p>
  </li>
);

/** Where each person starts: what their roles let them do. */
export const HomePage = ({ session }: { session: Session }) => (
  <>
    <h1>您好，{session.claims.name ?? session.claims.sub}</h1>
    <ul class="tiles">
      {isDepartmentUser(session) && (
        <Card
          href="/projects/new"
          title="申报新项目"
          text="填写申报信息，上传“三重一大”决策、建设方案、专家论证意见等材料。"
        />
      )}
      <Card href="/projects" title="项目" text="查看可见项目的阶段、材料、审计记录、义务期限与问题整改。" />
      {hasRole(session, ...REVIEWERS) && (
        <Card href="/tasks" title="待办审查" text="按期限处理技术审核、立项审批、财政预算评审和验收。" />
      )}
      {hasRole(session, ...COUNTY_WATCHERS) && (
        <Card
          href="/dashboard"
          title="全县看板"
          text="按阶段、部门、类别统计项目与投资，跟踪逾期审查、问题和资金暂停。"
        />
      )}
      <Card href="/api-docs" title="接口文档" text="供县政务服务门户对接的 HTTP 接口说明（OpenAPI）。" />
    </ul>
  </>
);
